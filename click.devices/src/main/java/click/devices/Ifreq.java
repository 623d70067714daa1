package click.devices;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/**
 * A {@code struct ifreq} (40 bytes: the interface name, then a 24-byte union) and the interface
 * ioctls made with it: flags, addresses, hardware address, and TUNSETIFF.
 */
final class Ifreq {
    static final int IFNAMSIZ = 16;
    static final int SIZE = 40;

    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCSIFADDR = 0x8916;
    static final long SIOCSIFNETMASK = 0x891c;
    static final long SIOCSIFMTU = 0x8922;
    static final long SIOCSIFHWADDR = 0x8924;
    static final long SIOCGIFHWADDR = 0x8927;
    static final long TUNSETIFF = 0x400454caL;

    static final int IFF_UP = 0x1;
    static final int IFF_TUN = 0x1;
    static final int IFF_TAP = 0x2;
    static final int IFF_NO_PI = 0x1000;
    static final int ARPHRD_ETHER = 1;

    final Memory mem = new Memory(SIZE);

    Ifreq(String name) {
        mem.clear();
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        mem.write(0, b, 0, Math.min(b.length, IFNAMSIZ - 1));
    }

    /** Zeroes the union after the name (Memory.clear would clear the name). */
    private void clearUnion() {
        mem.setMemory(IFNAMSIZ, SIZE - IFNAMSIZ, (byte) 0);
    }

    /** The name the kernel wrote back (TUNSETIFF with a pattern such as {@code tap%d}). */
    String name() {
        return mem.getString(0, StandardCharsets.US_ASCII.name());
    }

    /** Whether {@code name} is a legal interface name. */
    static boolean validName(String name) {
        return !name.isEmpty() && name.length() < IFNAMSIZ && name.chars().allMatch(c -> c > 32 && c < 127 && c != '/');
    }

    /** The interface flags (IFF_UP, ...) through {@code fd}, any socket; ENODEV when the device is gone. */
    int flags(int fd) throws LastErrorException {
        LibC.ioctl(fd, SIOCGIFFLAGS, mem);
        return mem.getShort(IFNAMSIZ) & 0xFFFF;
    }

    void setFlags(int fd, int flags) throws LastErrorException {
        mem.setShort(IFNAMSIZ, (short) flags);
        LibC.ioctl(fd, SIOCSIFFLAGS, mem);
    }

    /** Sets an IPv4 address field ({@code request} SIOCSIFADDR or SIOCSIFNETMASK) through an AF_INET socket. */
    void setIPv4(int fd, long request, int addr) throws LastErrorException {
        clearUnion();
        long sin = IFNAMSIZ;
        mem.setShort(sin, (short) LibC.AF_INET);
        mem.setByte(sin + 4, (byte) (addr >>> 24));
        mem.setByte(sin + 5, (byte) (addr >>> 16));
        mem.setByte(sin + 6, (byte) (addr >>> 8));
        mem.setByte(sin + 7, (byte) addr);
        LibC.ioctl(fd, request, mem);
    }

    /** The hardware address as a 48-bit number ({@code request} SIOCGIFHWADDR) through {@code fd}, any ordinary socket. */
    long hardwareAddress(int fd, long request) throws LastErrorException {
        clearUnion();
        LibC.ioctl(fd, request, mem);
        long ether = 0;
        for (int i = 0; i < 6; i++) {
            ether = ether << 8 | (mem.getByte(IFNAMSIZ + 2 + i) & 0xFF);
        }
        return ether;
    }

    void setEther(int fd, long ether) throws LastErrorException {
        clearUnion();
        mem.setShort(IFNAMSIZ, (short) ARPHRD_ETHER);
        for (int i = 0; i < 6; i++) {
            mem.setByte(IFNAMSIZ + 2 + i, (byte) (ether >>> (40 - 8 * i)));
        }
        LibC.ioctl(fd, SIOCSIFHWADDR, mem);
    }

    void setMtu(int fd, int mtu) throws LastErrorException {
        clearUnion();
        mem.setInt(IFNAMSIZ, mtu);
        LibC.ioctl(fd, SIOCSIFMTU, mem);
    }

    /** TUNSETIFF on an open {@code /dev/net/tun}: attaches it to (creating if needed) the named device. */
    void tunSetIff(int fd, int flags) throws LastErrorException {
        clearUnion();
        mem.setShort(IFNAMSIZ, (short) flags);
        LibC.ioctl(fd, TUNSETIFF, mem);
    }
}
