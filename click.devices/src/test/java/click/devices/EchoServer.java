package click.devices;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test library: a TCP and UDP echo server living in one network namespace, served by one thread.
 * It records what a NAT test must check on the far side: the peer of every TCP connection it
 * accepted, how many of them ended with an orderly close, and the source of every distinct UDP
 * payload. TCP listens on the wildcard address; UDP has one socket per address, so each reply
 * leaves from the address its request went to (as a NAT's reverse mapping needs).
 */
final class EchoServer implements AutoCloseable {
    private final Selector selector;
    private final List<AutoCloseable> sockets = new ArrayList<>();
    private final Thread thread;
    private final ByteBuffer datagram = ByteBuffer.allocate(2048);
    private final List<InetSocketAddress> tcpPeers = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final Map<String, InetSocketAddress> udpSources = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile Throwable failure;

    private EchoServer(List<String> addresses, int tcpPort, int udpPort) throws IOException {
        selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        sockets.add(listener);
        // a long backlog: hundreds of clients may connect at once
        listener.bind(new InetSocketAddress("0.0.0.0", tcpPort), 1024);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        for (String a : addresses) {
            DatagramChannel udp = DatagramChannel.open();
            sockets.add(udp);
            udp.bind(new InetSocketAddress(a, udpPort));
            udp.configureBlocking(false);
            udp.register(selector, SelectionKey.OP_READ);
        }
        thread = new Thread(this::serve, "echo-server");
        thread.setDaemon(true);
    }

    /**
     * Opens the sockets inside namespace {@code ns} (they stay there) and starts serving: TCP on
     * {@code tcpPort} of every address, UDP on {@code udpPort} of each of {@code addresses}.
     */
    static EchoServer start(String ns, List<String> addresses, int tcpPort, int udpPort) throws Exception {
        EchoServer s = NetNs.inside(ns, () -> new EchoServer(addresses, tcpPort, udpPort));
        s.thread.start();
        return s;
    }

    /** The remote end of every accepted TCP connection, in order of acceptance. */
    List<InetSocketAddress> tcpPeers() {
        return List.copyOf(tcpPeers);
    }

    /** TCP connections whose client closed its side (the server then closed too). */
    int closedConnections() {
        return closed.get();
    }

    /** Where each distinct UDP payload first came from. */
    Map<String, InetSocketAddress> udpSources() {
        return Map.copyOf(udpSources);
    }

    /** The first exception of the serving thread, or null. */
    Throwable failure() {
        return failure;
    }

    private void serve() {
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        accept((ServerSocketChannel) k.channel());
                    } else if (k.channel() instanceof DatagramChannel udp) {
                        echo(udp);
                    } else {
                        echo(k);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure = e;
            }
        }
    }

    private void accept(ServerSocketChannel listener) throws IOException {
        for (SocketChannel c = listener.accept(); c != null; c = listener.accept()) {
            tcpPeers.add((InetSocketAddress) c.getRemoteAddress());
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(4096));
        }
    }

    /**
     * Echoes what a connection sent. Bytes not yet written back stay in the key's buffer, and the
     * connection is not read again until they are gone (write interest instead of read).
     */
    private void echo(SelectionKey k) throws IOException {
        SocketChannel c = (SocketChannel) k.channel();
        ByteBuffer buf = (ByteBuffer) k.attachment();
        if (buf.position() == 0) {
            int n;
            try {
                n = c.read(buf);
            } catch (IOException e) {
                // reset by the peer: not an orderly close
                k.cancel();
                c.close();
                return;
            }
            if (n < 0) {
                closed.incrementAndGet();
                k.cancel();
                c.close();
                return;
            }
        }
        buf.flip();
        c.write(buf);
        buf.compact();
        k.interestOps(buf.position() == 0 ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
    }

    private void echo(DatagramChannel udp) throws IOException {
        for (SocketAddress from = udp.receive(datagram.clear()); from != null; from = udp.receive(datagram.clear())) {
            datagram.flip();
            udpSources.putIfAbsent(StandardCharsets.US_ASCII.decode(datagram.duplicate()).toString(),
                    (InetSocketAddress) from);
            udp.send(datagram, from);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        thread.join(5000);
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        for (AutoCloseable s : sockets) {
            s.close();
        }
        selector.close();
    }
}
