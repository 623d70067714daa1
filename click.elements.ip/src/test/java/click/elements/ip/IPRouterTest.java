package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ElementFactory;
import click.api.Packet;
import click.api.PacketPool;
import click.api.net.EtherAddress;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPv4;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.testing.PacketBuilder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paper's Figure 2 forwarding path as a whole router (built by click.runtime from the
 * configuration text below), with two interfaces, in memory: in-memory sources stand in for
 * FromDevice, Capture sinks for ToDevice and for the host. Each test injects one frame on one
 * interface and checks what leaves where, RFC 1812 behaviour included.
 * <pre>
 *   eth0 198.51.100.1/24 02:00:00:00:00:01  (host A 198.51.100.2 02:00:00:00:00:02)
 *   eth1 203.0.113.1/24  02:00:00:00:01:01  (host B 203.0.113.2  02:00:00:00:01:02, gateway 203.0.113.254)
 * </pre>
 */
class IPRouterTest {
    private static final String ETH0 = "02:00:00:00:00:01", ETH1 = "02:00:00:00:01:01";
    private static final String HOST_A = "02:00:00:00:00:02", HOST_B = "02:00:00:00:01:02";

    private static final String ROUTER = """
            src0 :: %s;
            src1 :: %s;
            Idle -> [1]arpq0;
            Idle -> [1]arpq1;
            out0 :: Capture;  out1 :: Capture;  tohost :: Capture;
            arpq0 :: ARPQuerier(198.51.100.1, 02:00:00:00:00:01) -> out0;
            arpq1 :: ARPQuerier(203.0.113.1, 02:00:00:00:01:01) -> out1;

            rt :: RadixIPLookup(198.51.100.1/32 0, 198.51.100.255/32 0, 198.51.100.0/32 0,
                                203.0.113.1/32 0, 203.0.113.255/32 0, 203.0.113.0/32 0,
                                198.51.100.0/24 1, 203.0.113.0/24 2, 0.0.0.0/0 203.0.113.254 2);

            ip :: Strip(14) -> CheckIPHeader(INTERFACES 198.51.100.1/24 203.0.113.1/24) -> GetIPAddress(16) -> [0]rt;
            src0 -> Paint(1) -> ip;
            src1 -> Paint(2) -> ip;
            rt[0] -> tohost;

            rt[1] -> DropBroadcasts -> cp1 :: PaintTee(1) -> gio1 :: IPGWOptions(198.51.100.1) -> FixIPSrc(198.51.100.1)
                  -> dt1 :: DecIPTTL -> fr1 :: IPFragmenter(1500) -> [0]arpq0;
            rt[2] -> DropBroadcasts -> cp2 :: PaintTee(2) -> gio2 :: IPGWOptions(203.0.113.1) -> FixIPSrc(203.0.113.1)
                  -> dt2 :: DecIPTTL -> fr2 :: IPFragmenter(1500) -> [0]arpq1;

            dt1[1] -> ICMPError(198.51.100.1, timeexceeded) -> rt;
            dt2[1] -> ICMPError(203.0.113.1, timeexceeded) -> rt;
            fr1[1] -> ICMPError(198.51.100.1, unreachable, needfrag) -> rt;
            fr2[1] -> ICMPError(203.0.113.1, unreachable, needfrag) -> rt;
            gio1[1] -> ICMPError(198.51.100.1, parameterproblem) -> rt;
            gio2[1] -> ICMPError(203.0.113.1, parameterproblem) -> rt;
            cp1[1] -> ICMPError(198.51.100.1, redirect, host) -> rt;
            cp2[1] -> ICMPError(203.0.113.1, redirect, host) -> rt;
            """;

    /** Builds the router with {@code frame} arriving once on interface {@code iface} (0 or 1), runs it to the end. */
    private static Router run(int iface, byte[] frame, boolean knowHosts) throws Exception {
        String source = "InfiniteSource(DATA \\<" + HexFormat.of().formatHex(frame) + ">, LIMIT 1, STOP true)";
        String text = String.format(ROUTER, iface == 0 ? source : "Idle", iface == 1 ? source : "Idle");
        ElementRegistry registry = ElementRegistry.fromServiceLoader(IPRouterTest.class.getClassLoader());
        ElementFactory.of(Capture.class, Capture::new).forEach(registry::add);
        Router r = RouterBuilder.fromText(text, "ip-router-test.click").registry(registry).build();
        if (knowHosts) {
            r.handlers().write("arpq0.insert", "198.51.100.2 " + HOST_A);
            r.handlers().write("arpq1.insert", "203.0.113.2 " + HOST_B);
            r.handlers().write("arpq1.insert", "203.0.113.254 02:00:00:00:01:fe");
        }
        r.run();
        return r;
    }

    private static List<byte[]> captured(Router r, String sink) {
        return ((Capture) r.element(sink)).packets();
    }

    /** The IP packet inside an Ethernet frame, as a packet for the header helpers. */
    private static Packet ipOf(byte[] frame) {
        return Packet.make(Arrays.copyOfRange(frame, 14, frame.length));
    }

    private static long etherDst(byte[] frame) {
        return EtherAddress.read(frame, 0);
    }

    @Test
    void forwardsFromAToBDecrementingTtlWithBsEthernetAddress() throws Exception {
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").ttl(64).payload(100).ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        List<byte[]> out = captured(r, "out1");
        assertEquals(1, out.size());
        byte[] f = out.get(0);
        assertEquals(EtherAddress.parse(HOST_B), etherDst(f));
        assertEquals(EtherAddress.parse(ETH1), EtherAddress.read(f, 6));
        Packet p = ipOf(f);
        assertEquals(63, p.u8(Headers.IP_TTL));
        assertTrue(IPv4.headerChecksumValid(p, 0));
        assertEquals(0, IPv4.transportChecksum(p, 0), "payload untouched");
        assertEquals(0, captured(r, "out0").size());
        p.kill();
        r.cleanup();
    }

    @Test
    void offLinkDestinationGoesToTheDefaultGatewaysEthernetAddress() throws Exception {
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("8.8.8.8").ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        assertEquals(EtherAddress.parse("02:00:00:00:01:fe"), etherDst(captured(r, "out1").get(0)));
        assertEquals("2 203.0.113.254", r.handlers().read("rt.lookup", "8.8.8.8"), "the lookup handler, read with a parameter");
        r.handlers().write("rt.set", "8.8.8.0/24 1");
        assertEquals("1", r.handlers().read("rt.lookup", "8.8.8.8"));
        r.cleanup();
    }

    @Test
    void expiredTtlSendsTimeExceededBackToTheSenderFromTheInputInterface() throws Exception {
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").ttl(1).ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        assertEquals(0, captured(r, "out1").size());
        List<byte[]> back = captured(r, "out0");
        assertEquals(1, back.size());
        Packet e = ipOf(back.get(0));
        assertEquals(EtherAddress.parse(HOST_A), etherDst(back.get(0)));
        assertEquals(IPAddress.parse("198.51.100.1"), e.i32(Headers.IP_SRC), "FixIPSrc: the outgoing interface's address");
        assertEquals(IPAddress.parse("198.51.100.2"), e.i32(Headers.IP_DST));
        assertEquals(Headers.ICMP_TIME_EXCEEDED, e.u8(20));
        assertEquals(254, e.u8(Headers.IP_TTL), "the error itself went through DecIPTTL");
        assertTrue(IPv4.headerChecksumValid(e, 0));
        assertEquals(0, IPv4.transportChecksum(e, 0));
        assertArrayEquals(Arrays.copyOfRange(in, 14, 14 + 28), Arrays.copyOfRange(back.get(0), 14 + 28, 14 + 56),
                "quoted: the original IP header (TTL 1) and 8 bytes");
        assertEquals("1", r.handlers().read("dt2.drops"));
        e.kill();
        r.cleanup();
    }

    @Test
    void dontFragmentTooBigSendsNeedFragWithTheMtu() throws Exception {
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").df().payload(1600).ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        assertEquals(0, captured(r, "out1").size());
        Packet e = ipOf(captured(r, "out0").get(0));
        assertEquals(Headers.ICMP_UNREACH, e.u8(20));
        assertEquals(4, e.u8(21));
        assertEquals(1500, e.u16(26));
        e.kill();
        r.cleanup();
    }

    @Test
    void bigPacketWithoutDfLeavesInFragments() throws Exception {
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").payload(3000).ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        assertEquals(3, captured(r, "out1").size());
        assertEquals("3", r.handlers().read("fr2.fragments"));
        r.cleanup();
    }

    @Test
    void packetSentBackOutItsInputInterfaceIsForwardedAndRedirected() throws Exception {
        // B sends to 8.8.8.8 through us, but the default gateway is on B's own link: redirect B.
        byte[] in = PacketBuilder.udp().src("203.0.113.2").dst("8.8.8.8").ether(HOST_B, ETH1).bytes();
        Router r = run(1, in, true);
        List<byte[]> out = captured(r, "out1");
        assertEquals(2, out.size(), "the packet and the redirect both leave on eth1");
        byte[] redirect = out.stream().filter(f -> ipOf(f).u8(Headers.IP_PROTO) == Headers.IP_PROTO_ICMP).findFirst().orElseThrow();
        Packet e = ipOf(redirect);
        assertEquals(Headers.ICMP_REDIRECT, e.u8(20));
        assertEquals(1, e.u8(21));
        assertEquals(IPAddress.parse("203.0.113.254"), e.i32(24), "the better gateway");
        assertEquals(IPAddress.parse("203.0.113.2"), e.i32(Headers.IP_DST));
        e.kill();
        r.cleanup();
    }

    @Test
    void badChecksumIsDroppedAndCounted() throws Exception {
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").badChecksum().ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        assertEquals(0, captured(r, "out1").size() + captured(r, "out0").size() + captured(r, "tohost").size());
        String checker = r.elements().stream().filter(el -> el instanceof CheckIPHeader).findFirst().orElseThrow().name();
        assertEquals("1", r.handlers().read(checker + ".drops"));
        r.cleanup();
    }

    @Test
    void packetsForTheRouterGoToTheHost() throws Exception {
        byte[] in = PacketBuilder.icmp(8, 0).src("198.51.100.2").dst("198.51.100.1").ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        assertEquals(1, captured(r, "tohost").size());
        r.cleanup();
    }

    @Test
    void unknownNextHopIsAskedForWithArp() throws Exception {
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, false);
        List<byte[]> out = captured(r, "out1");
        assertEquals(1, out.size());
        assertEquals(EtherAddress.BROADCAST, etherDst(out.get(0)));
        assertEquals(Headers.ETHERTYPE_ARP, (out.get(0)[12] & 0xFF) << 8 | (out.get(0)[13] & 0xFF));
        assertEquals("1", r.handlers().read("arpq1.length"));
        r.cleanup();
    }

    @Test
    void noPacketIsLostOrLeakedOnTheForwardingPath() throws Exception {
        PacketPool pool = PacketPool.current();
        long before = pool.outstanding();
        byte[] in = PacketBuilder.udp().src("198.51.100.2").dst("203.0.113.2").ttl(1).ether(HOST_A, ETH0).bytes();
        Router r = run(0, in, true);
        r.cleanup();
        assertEquals(before, pool.outstanding(), "every packet made was killed");
    }
}
