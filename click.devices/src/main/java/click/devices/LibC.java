package click.devices;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The Linux C library calls the device elements need, bound with JNA direct mapping (no proxy, no
 * argument arrays per call). Calls used while setting up throw {@link LastErrorException} carrying
 * errno; the calls on the packet path ({@link #sendto}, {@link #read}, {@link #write}) return -1
 * instead, and the caller reads {@link Native#getLastError()}, so that an idle poll (EAGAIN)
 * allocates no exception.
 *
 * <p>Sizes are those of 64-bit Linux (x86_64, aarch64): {@code size_t} and {@code ssize_t} are Java longs.
 */
final class LibC {
    static {
        Native.register(LibC.class, "c");
    }

    private LibC() {
    }

    static final int AF_INET = 2;
    static final int AF_PACKET = 17;
    static final int AF_XDP = 44;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int MAP_PRIVATE = 2;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, Pointer addr, int len) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer len) throws LastErrorException;

    static native Pointer mmap(Pointer addr, long len, int prot, int flags, int fd, long offset) throws LastErrorException;

    static native int munmap(Pointer addr, long len);

    static native int close(int fd);

    static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    /** The interface index of {@code name}, or 0 when there is no such interface. */
    static native int if_nametoindex(String name);

    static native int open(String path, int flags) throws LastErrorException;

    static native long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrLen);

    static native long recvfrom(int fd, Pointer buf, long len, int flags, Pointer addr, Pointer addrLen);

    /** syscall(2) with three arguments, for bpf(2), which the C library does not wrap. */
    static native long syscall(long number, long a1, Pointer a2, long a3) throws LastErrorException;

    static native long read(int fd, Pointer buf, long len);

    static native long write(int fd, Pointer buf, long len);
}
