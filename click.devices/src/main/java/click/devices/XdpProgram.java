package click.devices;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The kernel half of an AF_XDP socket: an XSKMAP holding the socket at key 0 and a five-instruction
 * XDP program, assembled here and loaded with bpf(2) (no compiler or libbpf needed), attached to
 * the device through a bpf link. The program redirects each frame received on rx queue 0 into the
 * socket before the kernel makes an skb of it; frames on other queues find no socket in the map
 * and go on to the kernel's stack (the program's default action, XDP_PASS).
 *
 * <p>The link, the program and the map are file descriptors of this process: closing them (or the
 * process dying) detaches the program, so a crashed router leaves no program on the device.
 *
 * <p>The program, in the kernel's assembler notation:
 * <pre>
 *   r2 = *(u32 *)(r1 + 16)    xdp_md.rx_queue_index: the map key
 *   r1 = map_fd ll            the XSKMAP (two instruction slots, patched by the verifier)
 *   r3 = 2                    bpf_redirect_map's flags: XDP_PASS when the key has no socket
 *   call 51                   bpf_redirect_map, whose result is the program's
 *   exit
 * </pre>
 */
final class XdpProgram implements AutoCloseable {
    /** Where the program runs: in the driver (native XDP) or on skbs (generic XDP, slower). */
    enum Mode {
        NATIVE, GENERIC;

        /** The name the {@code xdp_mode} handler shows. */
        String handlerName() {
            return this == NATIVE ? "native" : "generic";
        }
    }

    // bpf(2) commands, map and program types, attach type (include/uapi/linux/bpf.h)
    static final int BPF_MAP_CREATE = 0;
    static final int BPF_MAP_UPDATE_ELEM = 2;
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_LINK_CREATE = 28;
    static final int BPF_MAP_TYPE_XSKMAP = 17;
    static final int BPF_PROG_TYPE_XDP = 6;
    static final int BPF_XDP = 37;
    static final int XDP_FLAGS_SKB_MODE = 2;
    static final int XDP_FLAGS_DRV_MODE = 4;
    static final int XDP_PASS = 2;
    static final int BPF_FUNC_REDIRECT_MAP = 51;
    /** Bytes of {@code union bpf_attr} we pass: every field we set, the rest zero (the kernel accepts a shorter union). */
    static final int ATTR_SIZE = 128;
    static final int INSN_SIZE = 8;

    // instruction classes and modes (include/uapi/linux/bpf_common.h, bpf.h)
    private static final int BPF_LDX_MEM_W = 0x61;
    private static final int BPF_LD_IMM_DW = 0x18;
    private static final int BPF_ALU64_MOV_K = 0xb7;
    private static final int BPF_JMP_CALL = 0x85;
    private static final int BPF_JMP_EXIT = 0x95;
    private static final int BPF_PSEUDO_MAP_FD = 1;
    private static final int XDP_MD_RX_QUEUE_INDEX = 16;
    private static final int LOG_SIZE = 64 * 1024;
    private static final byte[] LICENSE = "Dual BSD/GPL\0".getBytes(StandardCharsets.US_ASCII);

    final Mode mode;
    private final int mapFd;
    private final int progFd;
    private final int linkFd;

    private XdpProgram(Mode mode, int mapFd, int progFd, int linkFd) {
        this.mode = mode;
        this.mapFd = mapFd;
        this.progFd = progFd;
        this.linkFd = linkFd;
    }

    /**
     * Puts AF_XDP socket {@code xskFd} into a fresh map, loads the program and attaches it to
     * {@code device} (interface {@code ifindex}): native mode if the driver has it, else generic.
     */
    static XdpProgram attach(String device, int ifindex, int xskFd) throws IOException {
        int map = -1;
        int prog = -1;
        try {
            map = bpf(BPF_MAP_CREATE, mapCreateAttr(1), "cannot create the XSKMAP for " + device);
            Memory key = new Memory(4);
            key.setInt(0, 0);
            Memory value = new Memory(4);
            value.setInt(0, xskFd);
            bpf(BPF_MAP_UPDATE_ELEM, mapUpdateAttr(map, Pointer.nativeValue(key), Pointer.nativeValue(value)),
                    "cannot put the AF_XDP socket of " + device + " into its XSKMAP");
            Reference.reachabilityFence(key);
            Reference.reachabilityFence(value);
            prog = load(device, map);
            int link;
            Mode mode = Mode.NATIVE;
            try {
                link = bpf(BPF_LINK_CREATE, linkCreateAttr(prog, ifindex, XDP_FLAGS_DRV_MODE), null);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EOPNOTSUPP && e.getErrorCode() != LibC.EINVAL) {
                    throw e;
                }
                mode = Mode.GENERIC; // the driver has no XDP of its own
                link = bpf(BPF_LINK_CREATE, linkCreateAttr(prog, ifindex, XDP_FLAGS_SKB_MODE), null);
            }
            return new XdpProgram(mode, map, prog, link);
        } catch (LastErrorException e) {
            closeAll(prog, map);
            throw attachFailure(device, e);
        } catch (IOException | RuntimeException e) {
            closeAll(prog, map);
            throw e;
        }
    }

    private static IOException attachFailure(String device, LastErrorException e) {
        int errno = e.getErrorCode();
        if (errno == LibC.EBUSY || errno == LibC.EEXIST) {
            return new IOException("device " + device + " already has an XDP program (see ip link show " + device
                    + "); METHOD XDP needs the device's XDP hook to itself");
        }
        if (errno == LibC.EPERM || errno == LibC.EACCES) {
            return new IOException("cannot attach XDP to " + device + ": permission denied (AF_XDP needs root or CAP_NET_ADMIN+CAP_BPF)");
        }
        if (errno == LibC.ENODEV) {
            return new IOException("no such device \"" + device + "\"");
        }
        return new IOException("cannot attach XDP to " + device + ": " + e.getMessage());
    }

    private static int load(String device, int map) throws IOException {
        byte[] code = program(map);
        Memory insns = new Memory(code.length);
        insns.write(0, code, 0, code.length);
        Memory license = new Memory(LICENSE.length);
        license.write(0, LICENSE, 0, LICENSE.length);
        Memory log = new Memory(LOG_SIZE);
        log.setByte(0, (byte) 0);
        try {
            return bpf(BPF_PROG_LOAD, progLoadAttr(Pointer.nativeValue(insns), code.length / INSN_SIZE,
                    Pointer.nativeValue(license), Pointer.nativeValue(log), LOG_SIZE), null);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == LibC.EPERM) {
                throw e; // no CAP_BPF: said by attachFailure
            }
            throw new IOException("the kernel's verifier rejected jclick's XDP program for " + device + " ("
                    + e.getMessage() + "): " + log.getString(0, StandardCharsets.US_ASCII.name()).trim());
        } finally {
            Reference.reachabilityFence(insns);
            Reference.reachabilityFence(license);
        }
    }

    /** The redirect program's instructions, in the machine's byte order, for XSKMAP {@code mapFd}. */
    static byte[] program(int mapFd) {
        ByteBuffer b = ByteBuffer.allocate(6 * INSN_SIZE).order(ByteOrder.nativeOrder());
        insn(b, BPF_LDX_MEM_W, 2, 1, XDP_MD_RX_QUEUE_INDEX, 0);
        insn(b, BPF_LD_IMM_DW, 1, BPF_PSEUDO_MAP_FD, 0, mapFd);
        insn(b, 0, 0, 0, 0, 0); // the upper 32 bits of the 64-bit immediate
        insn(b, BPF_ALU64_MOV_K, 3, 0, 0, XDP_PASS);
        insn(b, BPF_JMP_CALL, 0, 0, 0, BPF_FUNC_REDIRECT_MAP);
        insn(b, BPF_JMP_EXIT, 0, 0, 0, 0);
        return b.array();
    }

    /** Appends one {@code struct bpf_insn}: opcode, dst_reg in the low nibble and src_reg in the high one, offset, immediate. */
    private static void insn(ByteBuffer b, int code, int dst, int src, int off, int imm) {
        b.put((byte) code);
        b.put((byte) (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? src << 4 | dst : dst << 4 | src));
        b.putShort((short) off);
        b.putInt(imm);
    }

    /** bpf_attr for BPF_MAP_CREATE of an XSKMAP: map_type, key_size, value_size, max_entries. */
    static ByteBuffer mapCreateAttr(int entries) {
        ByteBuffer a = attr();
        a.putInt(0, BPF_MAP_TYPE_XSKMAP);
        a.putInt(4, 4);
        a.putInt(8, 4);
        a.putInt(12, entries);
        return a;
    }

    /** bpf_attr for BPF_MAP_UPDATE_ELEM: map_fd, then (aligned to 8) the key and value addresses, flags 0 (BPF_ANY). */
    static ByteBuffer mapUpdateAttr(int mapFd, long key, long value) {
        ByteBuffer a = attr();
        a.putInt(0, mapFd);
        a.putLong(8, key);
        a.putLong(16, value);
        return a;
    }

    /** bpf_attr for BPF_PROG_LOAD of an XDP program with a verifier log (log_level 1). */
    static ByteBuffer progLoadAttr(long insns, int count, long license, long logBuf, int logSize) {
        ByteBuffer a = attr();
        a.putInt(0, BPF_PROG_TYPE_XDP);
        a.putInt(4, count);
        a.putLong(8, insns);
        a.putLong(16, license);
        a.putInt(24, 1);
        a.putInt(28, logSize);
        a.putLong(32, logBuf);
        byte[] name = "jclick_xsk".getBytes(StandardCharsets.US_ASCII); // prog_name[16] at 48, shown by bpftool
        a.put(48, name, 0, name.length);
        a.putInt(68, BPF_XDP); // expected_attach_type
        return a;
    }

    /** bpf_attr for BPF_LINK_CREATE of an XDP link: prog_fd, target_ifindex, attach_type, flags (the XDP mode). */
    static ByteBuffer linkCreateAttr(int progFd, int ifindex, int flags) {
        ByteBuffer a = attr();
        a.putInt(0, progFd);
        a.putInt(4, ifindex);
        a.putInt(8, BPF_XDP);
        a.putInt(12, flags);
        return a;
    }

    private static ByteBuffer attr() {
        return ByteBuffer.allocate(ATTR_SIZE).order(ByteOrder.nativeOrder());
    }

    /** The bpf(2) system call's number on this machine. */
    static long syscallNumber() throws IOException {
        String arch = System.getProperty("os.arch");
        switch (arch) {
            case "amd64":
            case "x86_64":
                return 321;
            case "aarch64":
                return 280;
            default:
                throw new IOException("METHOD XDP: the bpf system call's number on " + arch + " is not known here (x86_64 and aarch64 only)");
        }
    }

    /**
     * Calls bpf(2) with {@code attr}; returns its result (a new descriptor or 0). Failures throw
     * {@link LastErrorException}, or an IOException with {@code what} in front when it is not null.
     */
    private static int bpf(int cmd, ByteBuffer attr, String what) throws IOException {
        Memory m = new Memory(ATTR_SIZE);
        m.write(0, attr.array(), 0, ATTR_SIZE);
        try {
            return (int) LibC.syscall(syscallNumber(), cmd, m, ATTR_SIZE);
        } catch (LastErrorException e) {
            if (what == null || e.getErrorCode() == LibC.EPERM || e.getErrorCode() == LibC.EACCES) {
                throw e;
            }
            throw new IOException(what + ": " + e.getMessage());
        }
    }

    private static void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                LibC.close(fd);
            }
        }
    }

    /** Detaches the program (closing the link) and frees program and map. */
    @Override
    public void close() {
        closeAll(linkFd, progFd, mapFd);
    }
}
