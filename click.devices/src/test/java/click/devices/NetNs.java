package click.devices;

import click.runtime.Router;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Test library: Linux network namespaces and veth pairs made for one test and removed afterwards
 * ({@link #close()}, called from a finally block or try-with-resources even when the test fails).
 * Names are unique per JVM and test (a prefix from the process id and a counter), so parallel or
 * crashed runs do not collide. Only documentation addresses (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24) are ever assigned. Needs root; tests check {@link #isRoot()} first.
 */
final class NetNs implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> rootLinks = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    NetNs() {
        prefix = "jc" + Long.toString(ProcessHandle.current().pid() % 46656, 36) + SEQ.incrementAndGet();
    }

    /** Whether the JVM runs with effective uid 0 (from /proc/self/status). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Whether {@code command} runs here (it is installed and on the PATH). */
    static boolean hasCommand(String command) {
        try {
            new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A unique name of at most 15 characters ending in {@code suffix} (a few letters). */
    String name(String suffix) {
        return prefix + suffix;
    }

    /** Creates namespace {@code name(suffix)} with its loopback up and IPv6 off; returns its name. */
    String namespace(String suffix) throws IOException {
        String ns = name(suffix);
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        exec(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        exec(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
        return ns;
    }

    /**
     * A veth pair: {@code local} stays in the root namespace, up, without addresses or IPv6 (the
     * router's side); {@code remote} moves to {@code ns}, up, with {@code cidr} (may be null).
     */
    void veth(String local, String remote, String ns, String cidr) throws IOException {
        run("ip", "link", "add", local, "type", "veth", "peer", "name", remote);
        rootLinks.add(local);
        localUp(local);
        run("ip", "link", "set", remote, "netns", ns);
        run("ip", "-n", ns, "link", "set", remote, "up");
        if (cidr != null) {
            run("ip", "-n", ns, "addr", "add", cidr, "dev", remote);
        }
    }

    /**
     * A veth pair between two of this object's namespaces: {@code devA} in {@code nsA} and
     * {@code devB} in {@code nsB}, both up, without addresses (IPv6 is off there already). The
     * pair goes with the namespaces.
     */
    void link(String nsA, String devA, String nsB, String devB) throws IOException {
        run("ip", "link", "add", devA, "netns", nsA, "type", "veth", "peer", "name", devB, "netns", nsB);
        run("ip", "-n", nsA, "link", "set", devA, "up");
        run("ip", "-n", nsB, "link", "set", devB, "up");
    }

    /** Brings a root-namespace device up with IPv6 off (no router solicitations, no DAD noise). */
    void localUp(String dev) throws IOException {
        Path v6 = Path.of("/proc/sys/net/ipv6/conf", dev, "disable_ipv6");
        if (Files.exists(v6)) {
            Files.writeString(v6, "1");
        }
        run("ip", "link", "set", dev, "up");
    }

    /** Runs a command inside {@code ns} and returns its standard output; fails on a non-zero exit. */
    String exec(String ns, String... cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return run(full.toArray(new String[0]));
    }

    /** Starts a command inside {@code ns} in the background; it is killed by {@link #close()}. */
    Process start(String ns, String... cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** Waits (up to 15 s) until a UDP socket in {@code ns} is bound to {@code port}. */
    void awaitUdpListener(String ns, int port) throws IOException, InterruptedException {
        String hexPort = String.format(":%04X ", port);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!exec(ns, "cat", "/proc/net/udp").contains(hexPort)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("nothing listens on UDP port " + port + " in " + ns + " after 15 s");
            }
            Thread.sleep(20);
        }
    }

    /** Waits (up to 15 s) until a TCP socket in {@code ns} listens on {@code port}. */
    void awaitTcpListener(String ns, int port) throws IOException, InterruptedException {
        // /proc/net/tcp: local address as ADDR:PORT in hex, then the remote one, then the state (0A: LISTEN)
        Pattern listening = Pattern.compile(String.format(":%04X [0-9A-F]{8}:0000 0A ", port));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!listening.matcher(exec(ns, "cat", "/proc/net/tcp")).find()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("nothing listens on TCP port " + port + " in " + ns + " after 15 s");
            }
            Thread.sleep(20);
        }
    }

    /** setns(2), to move one thread into a namespace (the network namespace is per thread). */
    private interface Setns extends Library {
        Setns LIB = Native.load("c", Setns.class);
        int CLONE_NEWNET = 0x40000000;

        int setns(int fd, int nstype);
    }

    /**
     * Runs {@code body} on a fresh thread that has entered namespace {@code ns}: sockets and devices
     * it makes belong to {@code ns} (and stay there when used from other threads). Failures and
     * assertion errors of the body are rethrown here.
     */
    static <T> T inside(String ns, Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            int fd = LibC.open("/var/run/netns/" + ns, 0);
            try {
                if (Setns.LIB.setns(fd, Setns.CLONE_NEWNET) != 0) {
                    throw new IOException("setns into " + ns + " failed");
                }
            } finally {
                LibC.close(fd);
            }
            return body.call();
        });
        Thread t = new Thread(task, "in-" + ns);
        t.start();
        try {
            return task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Turns transmit checksum offload (and with it segmentation offload) off on {@code dev} in
     * {@code ns}, as {@code ethtool -K dev tx off} would (ETHTOOL_STXCSUM through SIOCETHTOOL):
     * the host then sends every TCP and UDP frame with its checksum. Needed where the receiving
     * side cannot tell an offloaded checksum from a missing one (XDP).
     */
    static void checksumOffloadOff(String ns, String dev) throws Exception {
        inside(ns, () -> {
            int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM, 0);
            try {
                Memory value = new Memory(8);
                value.setInt(0, 0x17); // ETHTOOL_STXCSUM
                value.setInt(4, 0);
                Ifreq req = new Ifreq(dev);
                req.mem.setPointer(Ifreq.IFNAMSIZ, value);
                LibC.ioctl(fd, 0x8946, req.mem); // SIOCETHTOOL
            } finally {
                LibC.close(fd);
            }
            return null;
        });
    }

    /** A device counter of {@code dev} in {@code ns}, e.g. {@code rx_packets}. */
    long counter(String ns, String dev, String counter) throws IOException {
        return Long.parseLong(exec(ns, "cat", "/sys/class/net/" + dev + "/statistics/" + counter).trim());
    }

    /** The MAC address of {@code dev} in {@code ns} as a 48-bit number. */
    long ether(String ns, String dev) throws IOException {
        return Long.parseLong(exec(ns, "cat", "/sys/class/net/" + dev + "/address").trim().replace(":", ""), 16);
    }

    /** The MAC address of root-namespace device {@code dev}. */
    static long localEther(String dev) throws IOException {
        return Long.parseLong(Files.readString(Path.of("/sys/class/net", dev, "address")).trim().replace(":", ""), 16);
    }

    /** Runs a command, returning its standard output; throws with its output on a non-zero exit. */
    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": no exit after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.trim());
        }
        return out;
    }

    /**
     * A test's teardown: stops and cleans up {@code router} (if there is one), then removes
     * everything {@code net} made (if it was made), even when stopping the router fails.
     */
    static void stopThenClose(Router router, NetNs net) throws InterruptedException {
        try {
            if (router != null) {
                router.requestStop();
                router.awaitStop();
                router.cleanup();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    /** Kills started processes, deletes the root-side links and the namespaces (with their devices). */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (String link : rootLinks) {
            if (Files.exists(Path.of("/sys/class/net", link))) {
                quietly("ip", "link", "del", link);
            }
        }
        for (String ns : namespaces) {
            quietly("ip", "netns", "del", ns);
        }
    }

    private static void quietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }
}
