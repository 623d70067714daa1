package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import click.api.Element;
import click.api.Packet;
import click.api.net.IPAnnotations;
import click.testing.ElementHarness;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad packets are counted and dropped (or passed on), never thrown at, whatever element gets them. */
class MalformedPacketsTest {
    static List<Arguments> elements() {
        return List.of(
                Arguments.of((Supplier<Element>) CheckIPHeader::new, ""),
                Arguments.of((Supplier<Element>) CheckIPHeader2::new, ""),
                Arguments.of((Supplier<Element>) MarkIPHeader::new, ""),
                Arguments.of((Supplier<Element>) GetIPAddress::new, "16"),
                Arguments.of((Supplier<Element>) StoreIPAddress::new, "10.0.0.1, dst"),
                Arguments.of((Supplier<Element>) DecIPTTL::new, ""),
                Arguments.of((Supplier<Element>) FixIPSrc::new, "10.0.0.1"),
                Arguments.of((Supplier<Element>) SetIPChecksum::new, ""),
                Arguments.of((Supplier<Element>) SetIPDSCP::new, "46"),
                Arguments.of((Supplier<Element>) SetUDPChecksum::new, ""),
                Arguments.of((Supplier<Element>) SetTCPChecksum::new, ""),
                Arguments.of((Supplier<Element>) IPGWOptions::new, "10.0.0.1"),
                Arguments.of((Supplier<Element>) IPFragmenter::new, "68"),
                Arguments.of((Supplier<Element>) IPReassembler::new, ""),
                Arguments.of((Supplier<Element>) ICMPError::new, "10.0.0.1, timeexceeded"),
                Arguments.of((Supplier<Element>) ICMPPingResponder::new, ""),
                Arguments.of((Supplier<Element>) IPPrint::new, ""),
                Arguments.of((Supplier<Element>) ARPResponder::new, "10.0.0.1 02:00:00:00:00:01"),
                Arguments.of((Supplier<Element>) EtherEncap::new, "0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02"));
    }

    /** Runts of every length up to a minimal header, and headers whose length fields lie. */
    private static List<Packet> badPackets() {
        List<Packet> out = new java.util.ArrayList<>();
        for (int n = 0; n <= 24; n++) {
            Packet p = Packet.make(n);
            for (int i = 0; i < n; i++) {
                p.setU8(i, 0x45 + i * 31);
            }
            p.setUserAnnoU8(IPAnnotations.FIX_IP_SRC, 1);
            out.add(p);
        }
        Packet longHeader = Packet.make(20);
        longHeader.setU8(0, 0x4F);
        longHeader.setU16(2, 60000);
        out.add(longHeader);
        Packet bigLength = Packet.make(40);
        bigLength.setU8(0, 0x45);
        bigLength.setU16(2, 1000);
        bigLength.setU8(9, 17);
        out.add(bigLength);
        return out;
    }

    @ParameterizedTest
    @MethodSource("elements")
    void runtsAndLyingLengthsNeverThrow(Supplier<Element> make, String config) throws Exception {
        Element e = make.get();
        ElementHarness<Element> h = ElementHarness.of(e).outputs(Math.min(2, maxOutputs(e))).configure(config);
        for (Packet p : badPackets()) {
            assertDoesNotThrow(() -> h.push(0, p), () -> e.className() + " threw on a " + p.length() + "-byte packet");
        }
        h.clearOutputs();
        if (e instanceof IPReassembler r) {
            r.cleanup();
        }
        h.assertNoLeaks();
    }

    private static int maxOutputs(Element e) {
        return click.api.PortSpec.parse(e.portCountSpec()).outMax();
    }
}
