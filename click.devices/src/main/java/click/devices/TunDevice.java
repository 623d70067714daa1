package click.devices;

import click.api.net.IPPrefix;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;

/**
 * A TAP or TUN device opened through {@code /dev/net/tun}: created (or attached, if a device of
 * that name and kind exists), given its address, netmask, optional Ethernet address and MTU
 * through interface ioctls, and brought up. Closing the descriptor removes a device it created.
 *
 * <p>Frames are read and written one system call each (a TAP device has no ring); reads are
 * non-blocking. Thread ownership: {@link #read} from the reading task only; {@link #write} from
 * any thread with its own buffer.
 */
final class TunDevice implements AutoCloseable {
    /** Largest frame read or written. */
    static final int MAX_FRAME = 65536;

    final String name;
    private final int fd;
    private boolean closed;

    private TunDevice(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /**
     * Opens {@code pattern} (a name, or a pattern such as {@code tap%d} the kernel completes) as a
     * TAP ({@code tap} true: Ethernet frames) or TUN (IP packets) device and configures it.
     * {@code ether} &lt; 0 and {@code mtu} &lt;= 0 leave those unchanged.
     */
    static TunDevice open(String pattern, boolean tap, IPPrefix address, long ether, int mtu) throws IOException {
        int fd;
        try {
            fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException(e.getErrorCode() == LibC.ENOENT
                    ? "cannot open /dev/net/tun: no such file (is the tun module loaded?)"
                    : denied("cannot open /dev/net/tun", e));
        }
        String name = pattern;
        int sock = -1;
        try {
            Ifreq req = new Ifreq(pattern);
            try {
                req.tunSetIff(fd, (tap ? Ifreq.IFF_TAP : Ifreq.IFF_TUN) | Ifreq.IFF_NO_PI);
            } catch (LastErrorException e) {
                throw new IOException(e.getErrorCode() == LibC.EBUSY
                        ? "device " + pattern + " is in use by another process"
                        : e.getErrorCode() == LibC.EINVAL
                        ? "device " + pattern + " exists and is not a " + (tap ? "TAP" : "TUN") + " device"
                        : denied("cannot create " + (tap ? "TAP" : "TUN") + " device " + pattern, e));
            }
            name = req.name();
            Ifreq dev = new Ifreq(name);
            sock = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            if (ether >= 0) {
                dev.setEther(sock, ether);
            }
            if (mtu > 0) {
                dev.setMtu(sock, mtu);
            }
            dev.setIPv4(sock, Ifreq.SIOCSIFADDR, address.addr());
            dev.setIPv4(sock, Ifreq.SIOCSIFNETMASK, address.mask());
            dev.setFlags(sock, dev.flags(sock) | Ifreq.IFF_UP);
            LibC.close(sock);
            return new TunDevice(name, fd);
        } catch (LastErrorException e) {
            if (sock >= 0) {
                LibC.close(sock);
            }
            LibC.close(fd);
            throw new IOException(denied("cannot configure device " + name, e));
        } catch (IOException e) {
            LibC.close(fd);
            throw e;
        }
    }

    private static String denied(String what, LastErrorException e) {
        int errno = e.getErrorCode();
        return errno == LibC.EPERM || errno == LibC.EACCES
                ? what + ": permission denied (TAP and TUN devices need root or CAP_NET_ADMIN)"
                : what + ": " + e.getMessage();
    }

    /** Reads one frame into {@code buf}: its length, 0 when none is waiting, or -errno on failure. */
    long read(Memory buf) {
        long n = LibC.read(fd, buf, buf.size());
        if (n >= 0) {
            return n;
        }
        int errno = Native.getLastError();
        return errno == LibC.EAGAIN ? 0 : -errno;
    }

    /** Writes one frame of {@code len} bytes from {@code buf}; 0, or the errno of the failure. */
    int write(Memory buf, int len) {
        return LibC.write(fd, buf, len) < 0 ? Native.getLastError() : 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
