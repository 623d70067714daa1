package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.api.net.IPAddress;
import click.elements.ip.HeaderCheck.Reason;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import org.junit.jupiter.api.Test;

class CheckIPHeaderTest {
    private static ElementHarness<CheckIPHeader> harness(String config) throws Exception {
        return ElementHarness.of(new CheckIPHeader()).outputs(2).configure(config);
    }

    @Test
    void goodPacketPassesWithHeaderAndDestinationAnnotations() throws Exception {
        ElementHarness<CheckIPHeader> h = harness("14");
        h.push(0, PacketBuilder.udp().dst("198.51.100.7").ether("02:00:00:00:00:01", "02:00:00:00:00:02").build());
        Packet p = h.output(0).get(0);
        assertEquals(14, p.networkHeaderOffset());
        assertEquals(34, p.transportHeaderOffset());
        assertEquals(IPAddress.parse("198.51.100.7"), p.dstIp());
        assertEquals("0", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void badChecksumIsDroppedAndCountedUnderItsReason() throws Exception {
        ElementHarness<CheckIPHeader> h = harness("");
        h.push(0, PacketBuilder.udp().badChecksum().build());
        assertEquals(0, h.output(0).size());
        assertEquals(1, h.output(1).size());
        assertEquals(1, h.element().drops(Reason.BAD_CHECKSUM));
        assertEquals("1", h.read("drops"));
        assertTrue(h.read("drop_details").contains("1\tbad_checksum\tbad IP checksum"), h.read("drop_details"));
        assertEquals(1, h.messages().size(), "the first bad packet is reported");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void eachMalformationCountsUnderItsOwnReason() throws Exception {
        ElementHarness<CheckIPHeader> h = harness("VERBOSE true");
        h.push(0, Packet.make(19));
        h.push(0, PacketBuilder.udp().version(6).build());
        Packet shortHeader = PacketBuilder.udp().build();
        shortHeader.setU8(0, 0x44);
        h.push(0, shortHeader);
        Packet tooLong = PacketBuilder.udp().build();
        tooLong.setU16(2, tooLong.length() + 1);
        h.push(0, tooLong);
        assertEquals(1, h.element().drops(Reason.TINY_PACKET));
        assertEquals(1, h.element().drops(Reason.BAD_VERSION));
        assertEquals(1, h.element().drops(Reason.BAD_HLEN));
        assertEquals(1, h.element().drops(Reason.BAD_IP_LEN));
        assertEquals(4, h.messages().size(), "VERBOSE reports every bad packet");
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void withoutSecondOutputBadPacketsAreKilled() throws Exception {
        ElementHarness<CheckIPHeader> h = ElementHarness.of(new CheckIPHeader()).configure("");
        h.push(0, PacketBuilder.udp().badChecksum().build());
        assertEquals(0, h.output(0).size());
        h.assertNoLeaks();
    }

    @Test
    void linkPaddingIsTrimmedToTheIPLength() throws Exception {
        ElementHarness<CheckIPHeader> h = harness("");
        byte[] b = PacketBuilder.udp().payload(2).bytes();
        Packet padded = Packet.make(java.util.Arrays.copyOf(b, 60));
        h.push(0, padded);
        assertEquals(b.length, h.output(0).get(0).length());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void interfacesMakeBroadcastAndMulticastSourcesBadExceptToOurAddresses() throws Exception {
        ElementHarness<CheckIPHeader> h = harness("INTERFACES 192.0.2.1/24 198.51.100.1/24");
        h.push(0, PacketBuilder.udp().src("192.0.2.255").dst("198.51.100.9").build());
        h.push(0, PacketBuilder.udp().src("0.0.0.0").dst("198.51.100.9").build());
        h.push(0, PacketBuilder.udp().src("255.255.255.255").dst("198.51.100.9").build());
        h.push(0, PacketBuilder.udp().src("224.0.0.9").dst("198.51.100.9").build());
        h.push(0, PacketBuilder.udp().src("0.0.0.0").dst("192.0.2.1").build());
        h.push(0, PacketBuilder.udp().src("192.0.2.8").dst("198.51.100.9").build());
        assertEquals(4, h.element().drops(Reason.BAD_SADDR));
        assertEquals(2, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void oldBadSourceSyntaxAlsoRefusesZeroAndAllOnes() throws Exception {
        ElementHarness<CheckIPHeader> h = harness("192.0.2.255 198.51.100.255, 0");
        h.push(0, PacketBuilder.udp().src("198.51.100.255").build());
        h.push(0, PacketBuilder.udp().src("0.0.0.0").build());
        assertEquals(2, h.element().drops(Reason.BAD_SADDR));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void badsrcKeywordRefusesOnlyTheListedSources() throws Exception {
        ElementHarness<CheckIPHeader> h = harness("BADSRC 10.0.0.1");
        h.push(0, PacketBuilder.udp().src("10.0.0.1").build());
        h.push(0, PacketBuilder.udp().src("0.0.0.0").build());
        assertEquals(1, h.element().drops(Reason.BAD_SADDR));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void badConfigurationIsReportedClearly() {
        ConfigException e = assertThrows(ConfigException.class, () -> harness("INTERFACES 192.0.2.1/33"));
        assertTrue(e.getMessage().contains("INTERFACES"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> harness("x"));
        assertTrue(e.getMessage().contains("OFFSET"), e.getMessage());
    }

    @Test
    void checkIPHeader2IgnoresTheChecksum() throws Exception {
        ElementHarness<CheckIPHeader2> h = ElementHarness.of(new CheckIPHeader2()).outputs(2).configure("");
        h.push(0, PacketBuilder.udp().badChecksum().build());
        assertEquals(1, h.output(0).size());
        assertEquals("0", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }
}
