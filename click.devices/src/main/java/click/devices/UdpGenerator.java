package click.devices;

import click.api.net.Checksum;
import click.api.net.EtherAddress;
import click.api.net.Headers;
import click.api.net.IPAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of the forwarding-rate benchmark ({@code benchmarks/mlffr/run.sh}): sends one
 * minimum-size UDP frame over and over on a device through a memory-mapped AF_PACKET transmit ring
 * (the ToDevice ring code), at a given rate or as fast as it can, for a given time, then prints what
 * it sent. It is a command, not an element: run it as root inside the generator's namespace.
 *
 * <pre>
 * java -cp CLASSPATH click.devices.UdpGenerator DEVICE DST_MAC SRC_IP DST_IP RATE SECONDS [BATCH]
 * </pre>
 * RATE is frames per second or {@code max}; BATCH (default 32) is the most frames handed to the
 * kernel per system call. The frame is 60 bytes (64 on a wire with its FCS): Ethernet from DEVICE's
 * own address to DST_MAC, IPv4 SRC_IP to DST_IP with TTL 64, UDP port 9 to 9 with an 18-byte payload,
 * both checksums valid. It prints one line, {@code sent=N seconds=S rate=R}: frames handed to the
 * kernel, the sending time and their rate.
 *
 * <p>A paced run hands frames over a batch at a time once a whole batch is due. Behind its schedule
 * (descheduled on a busy machine, or the ring full) it catches up at full speed, by at most
 * {@value #MOST_BEHIND} frames (half a FromDevice receive ring) or four batches; further behind, it
 * restarts its schedule, so its achieved rate shows it could not offer the load. Waiting for the
 * next batch, it sleeps if the wait is over 0.1 ms, else spins. The ring holds
 * {@value #RING_FRAMES} frames and the socket may have all of them in flight (SO_SNDBUFFORCE), so
 * a slow receiver makes the kernel drop frames, as a wire would, instead of slowing the generator.
 */
public final class UdpGenerator {
    static final int FRAME_LENGTH = 60;
    private static final int RING_FRAMES = 4096;
    private static final int RING_FRAME_SIZE = 128;
    private static final int SEND_BUFFER = 16 << 20;
    private static final int DEFAULT_BATCH = 32;
    private static final int MOST_BEHIND = 1024;
    /** Waits for the next batch longer than this (ns) sleep; shorter ones spin. */
    private static final long SLEEP_AT_LEAST = 100_000;

    private UdpGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || args.length > 7) {
            System.err.println("usage: UdpGenerator DEVICE DST_MAC SRC_IP DST_IP RATE|max SECONDS [BATCH]");
            System.exit(2);
        }
        String device = args[0];
        byte[] frame;
        long rate;
        long seconds;
        int batch;
        try {
            Path own = Path.of("/sys/class/net", device, "address");
            if (!Files.exists(own)) {
                throw new IllegalArgumentException("no such device \"" + device + "\"");
            }
            frame = frame(EtherAddress.parse(Files.readString(own)), EtherAddress.parse(args[1]),
                    IPAddress.parse(args[2]), IPAddress.parse(args[3]));
            rate = args[4].equals("max") ? 0 : positive(args[4], "RATE");
            seconds = positive(args[5], "SECONDS");
            batch = args.length == 7 ? (int) positive(args[6], "BATCH") : DEFAULT_BATCH;
        } catch (IllegalArgumentException e) {
            System.err.println("UdpGenerator: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (PacketRing ring = PacketRing.openTransmit(device, RING_FRAMES, RING_FRAME_SIZE)) {
            ring.forceSendBuffer(SEND_BUFFER);
            long start = System.nanoTime();
            long sent = send(ring, frame, rate, Math.min(batch, RING_FRAMES), start + seconds * 1_000_000_000L);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "sent=%d seconds=%.3f rate=%.0f%n", sent, elapsed, sent / elapsed);
        } catch (IOException e) {
            System.err.println("UdpGenerator: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Sends until {@code end} (System.nanoTime); {@code rate} 0 is as fast as possible. Returns frames sent. */
    static long send(PacketRing ring, byte[] frame, long rate, int batch, long end) {
        double perNano = rate / 1e9;
        long mostBehind = Math.max(4L * batch, MOST_BEHIND);
        long sent = 0;
        long base = System.nanoTime();
        long baseSent = 0;
        long now = base;
        while (now < end) {
            if (rate > 0) {
                long due = baseSent + (long) ((now - base) * perNano) - sent;
                if (due > mostBehind) {
                    base = now;
                    baseSent = sent;
                } else if (due < batch) {
                    long wait = (long) ((batch - due) / perNano);
                    if (wait > SLEEP_AT_LEAST) {
                        // sleep rather than spin: a thread that slept gets its CPU back promptly
                        // on a busy machine, where a spinning one has used up its share
                        LockSupport.parkNanos(wait - SLEEP_AT_LEAST / 2);
                    } else {
                        Thread.onSpinWait();
                    }
                    now = System.nanoTime();
                    continue;
                }
            }
            int n = 0;
            while (n < batch && ring.transmitSlotFree()) {
                ring.queueFrame(frame, 0, frame.length);
                n++;
            }
            if (n > 0) {
                ring.kick(); // a refused kick (send buffer full) leaves the frames marked for the next one
                sent += n;
            } else {
                ring.kick();
                Thread.onSpinWait();
            }
            now = System.nanoTime();
        }
        ring.kick();
        return sent;
    }

    /** The 60-byte UDP frame: Ethernet, IPv4 (checksummed), UDP 9 -> 9 (checksummed), 18 zero bytes. */
    static byte[] frame(long srcMac, long dstMac, int srcIp, int dstIp) {
        byte[] f = new byte[FRAME_LENGTH];
        EtherAddress.write(f, 0, dstMac);
        EtherAddress.write(f, 6, srcMac);
        put16(f, 12, Headers.ETHERTYPE_IP);
        int ip = 14;
        int ipLength = FRAME_LENGTH - ip;
        f[ip] = 0x45;
        put16(f, ip + 2, ipLength);
        f[ip + 8] = 64;
        f[ip + 9] = 17;
        put32(f, ip + 12, srcIp);
        put32(f, ip + 16, dstIp);
        put16(f, ip + 10, Checksum.compute(f, ip, 20));
        int udp = ip + 20;
        int udpLength = ipLength - 20;
        put16(f, udp, 9);
        put16(f, udp + 2, 9);
        put16(f, udp + 4, udpLength);
        long pseudo = Checksum.pseudoHeaderSum(srcIp, dstIp, 17, udpLength);
        int check = ~Checksum.fold(Checksum.sum(f, udp, udpLength, pseudo)) & 0xFFFF;
        put16(f, udp + 6, check == 0 ? 0xFFFF : check); // 0 would mean "no checksum"
        return f;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }

    private static long positive(String text, String what) {
        try {
            long v = Long.parseLong(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was expected
        }
        throw new IllegalArgumentException(what + ": expected a positive integer, got \"" + text + "\"");
    }
}
