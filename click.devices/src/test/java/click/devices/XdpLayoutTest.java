package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bytes jclick hands the kernel for METHOD XDP, checked against the layouts of the kernel's
 * uapi headers (linux/bpf.h, linux/if_xdp.h) on a little-endian machine; no system call is made.
 */
class XdpLayoutTest {
    @BeforeEach
    void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the expected bytes are little-endian");
    }

    private static String hex(ByteBuffer b) {
        return HexFormat.of().formatHex(b.array());
    }

    /** {@code n} zero bytes in hex. */
    private static String zeros(int n) {
        return "00".repeat(n);
    }

    @Test
    void theProgramIsTheFiveInstructionRedirectToTheXskmap() {
        String expected = ""
                + "6112100000000000"   // r2 = *(u32 *)(r1 + 16): ldx|mem|w, dst 2, src 1, off 16
                + "1811000007000000"   // r1 = map fd 7: ld|imm|dw, dst 1, src BPF_PSEUDO_MAP_FD
                + "0000000000000000"   //   its second slot: the upper half of the immediate
                + "b703000002000000"   // r3 = XDP_PASS: alu64|mov|k, dst 3
                + "8500000033000000"   // call 51 (bpf_redirect_map)
                + "9500000000000000";  // exit
        assertEquals(expected, HexFormat.of().formatHex(XdpProgram.program(7)));
    }

    @Test
    void mapCreateAsksForAnXskmapOfFourByteKeysAndValues() {
        assertEquals("11000000" + "04000000" + "04000000" + "01000000" + zeros(XdpProgram.ATTR_SIZE - 16),
                hex(XdpProgram.mapCreateAttr(1)));
    }

    @Test
    void mapUpdatePutsKeyAndValueAddressesAfterTheAlignedMapFd() {
        assertEquals("05000000" + "00000000" + "0102030400000000" + "0506070800000000" + zeros(XdpProgram.ATTR_SIZE - 24),
                hex(XdpProgram.mapUpdateAttr(5, 0x04030201L, 0x08070605L)));
    }

    @Test
    void progLoadFieldsSitWhereBpfHSaysTheyDo() {
        ByteBuffer a = XdpProgram.progLoadAttr(0x1000L, 6, 0x2000L, 0x3000L, 65536);
        assertEquals(XdpProgram.BPF_PROG_TYPE_XDP, a.getInt(0));
        assertEquals(6, a.getInt(4));
        assertEquals(0x1000L, a.getLong(8));     // insns
        assertEquals(0x2000L, a.getLong(16));    // license
        assertEquals(1, a.getInt(24));           // log_level
        assertEquals(65536, a.getInt(28));       // log_size
        assertEquals(0x3000L, a.getLong(32));    // log_buf
        assertEquals(0, a.getInt(40));           // kern_version
        assertEquals(0, a.getInt(44));           // prog_flags
        assertEquals("jclick_xsk", new String(a.array(), 48, 10, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, a.get(58));              // prog_name ends in NUL
        assertEquals(0, a.getInt(64));           // prog_ifindex: not offloaded
        assertEquals(XdpProgram.BPF_XDP, a.getInt(68)); // expected_attach_type
    }

    @Test
    void linkCreateNamesProgramDeviceAttachTypeAndMode() {
        assertEquals("09000000" + "03000000" + "25000000" + "04000000" + zeros(XdpProgram.ATTR_SIZE - 16),
                hex(XdpProgram.linkCreateAttr(9, 3, XdpProgram.XDP_FLAGS_DRV_MODE)));
    }

    @Test
    void umemRegistrationIsAddressLengthFrameSizeAndNoHeadroom() {
        assertEquals("0000001000000000" + "0000000100000000" + "00100000" + "00000000" + "00000000" + "00000000",
                hex(XdpSocket.umemReg(0x10000000L, 0x01000000L, 4096)));
    }

    @Test
    void theSocketAddressAsksForCopyModeWithNeedWakeupOnOneQueue() {
        // family 44, flags XDP_COPY | XDP_USE_NEED_WAKEUP, ifindex 12, queue 0, no shared UMEM
        assertEquals("2c00" + "0a00" + "0c000000" + "00000000" + "00000000", hex(XdpSocket.sockaddr(12, 0)));
    }
}
