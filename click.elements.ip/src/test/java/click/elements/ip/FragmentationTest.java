package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;
import click.testing.ElementHarness;
import click.testing.PacketBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** IPFragmenter and IPReassembler, alone and as a round trip. */
class FragmentationTest {
    private static final int RR = 7, SECURITY = 130;

    @Test
    void smallPacketsPassUnchanged() throws Exception {
        ElementHarness<IPFragmenter> h = ElementHarness.of(new IPFragmenter()).outputs(2).configure("1500");
        Packet p = PacketBuilder.udp().payload(1472).build();
        h.push(0, p);
        assertEquals(p, h.output(0).get(0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void dontFragmentAndTooBigGoesToOutput1WithTheMtu() throws Exception {
        ElementHarness<IPFragmenter> h = ElementHarness.of(new IPFragmenter()).outputs(2).configure("1500");
        h.push(0, PacketBuilder.udp().df().payload(1473).build());
        assertEquals(1, h.output(1).size());
        assertEquals(1500, h.output(1).get(0).userAnnoI32(IPAnnotations.NEXT_HOP_MTU));
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void honorDfFalseFragmentsAnyway() throws Exception {
        ElementHarness<IPFragmenter> h = ElementHarness.of(new IPFragmenter()).outputs(2).configure("576, HONOR_DF false");
        h.push(0, PacketBuilder.udp().df().payload(1000).build());
        assertEquals(2, h.output(0).size());
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void fragmentsFitTheMtuCarryMultiplesOf8AndValidHeaders() throws Exception {
        ElementHarness<IPFragmenter> h = ElementHarness.of(new IPFragmenter()).outputs(2).configure("576");
        h.push(0, PacketBuilder.udp().id(77).payload(1400).build());
        List<Packet> frags = h.output(0);
        assertEquals(3, frags.size());
        int expectOffset = 0;
        for (int i = 0; i < frags.size(); i++) {
            Packet f = frags.get(i);
            assertTrue(f.length() <= 576);
            assertEquals(f.length(), IPv4.totalLength(f, 0));
            assertTrue(IPv4.headerChecksumValid(f, 0));
            assertEquals(77, f.u16(Headers.IP_ID));
            assertEquals(expectOffset, IPv4.fragmentOffset(f, 0));
            boolean last = i == frags.size() - 1;
            assertEquals(!last, (f.u16(Headers.IP_OFF) & Headers.IP_MF) != 0);
            int data = f.length() - 20;
            if (!last) {
                assertEquals(0, data % 8);
            }
            expectOffset += data;
        }
        assertEquals(1408, expectOffset, "UDP header plus payload");
        assertEquals("3", h.read("fragments"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void onlyOptionsWithTheCopyBitAreCopiedAfterTheFirstFragment() throws Exception {
        ElementHarness<IPFragmenter> h = ElementHarness.of(new IPFragmenter()).outputs(2).configure("300");
        h.push(0, PacketBuilder.udp().options(RR, 7, 4, 0, 0, 0, 0, SECURITY, 3, 9, 1).payload(600).build());
        List<Packet> frags = h.output(0);
        assertEquals(32, IPv4.headerLength(frags.get(0), 0), "first fragment keeps every option");
        for (Packet f : frags.subList(1, frags.size())) {
            assertEquals(24, IPv4.headerLength(f, 0));
            assertEquals(SECURITY, f.u8(20));
            assertEquals(0, f.u8(23), "padding");
        }
        h.clearOutputs();
        h.assertNoLeaks();
    }

    /**
     * Fragments {@code datagram}. Create the harness that receives the fragments before calling
     * this: the fragmenter's harness is created last, so its packet pool (the thread's) accounts for
     * every packet of the test and its assertNoLeaks checks the whole chain.
     */
    private static ElementHarness<IPFragmenter> fragment(byte[] datagram, int mtu, List<Packet> into) throws Exception {
        ElementHarness<IPFragmenter> h = ElementHarness.of(new IPFragmenter()).outputs(2).configure(Integer.toString(mtu));
        h.push(0, Packet.make(datagram));
        into.addAll(h.take(0));
        return h;
    }

    @Test
    void fragmentThenReassembleGivesTheOriginalBackInAnyOrder() throws Exception {
        Random rnd = new Random(42);
        byte[] original = PacketBuilder.udp().options(SECURITY, 3, 9, 1).id(4242).payload(3000).bytes();
        for (int trial = 0; trial < 5; trial++) {
            ElementHarness<IPReassembler> h = ElementHarness.of(new IPReassembler()).outputs(2).configure("");
            List<Packet> frags = new ArrayList<>();
            ElementHarness<IPFragmenter> fr = fragment(original, 400 + 8 * trial, frags);
            Collections.shuffle(frags, rnd);
            for (Packet f : frags) {
                h.push(0, f);
            }
            assertEquals(1, h.output(0).size());
            Packet whole = h.output(0).get(0);
            assertArrayEquals(original, whole.toByteArray());
            assertEquals("0", h.read("count"));
            assertEquals("0", h.read("mem_size"));
            h.clearOutputs();
            fr.assertNoLeaks();
        }
    }

    @Test
    void overlappingFragmentsKeepTheFirstArrivedBytes() throws Exception {
        byte[] payload = new byte[48];
        Arrays48.fill(payload);
        ElementHarness<IPReassembler> h = ElementHarness.of(new IPReassembler()).configure("");
        // bytes 0-23, then a duplicate of 16-39 with different contents, then 32-55 (the last)
        h.push(0, PacketBuilder.ip(99).id(5).fragment(0, true).payload(java.util.Arrays.copyOfRange(payload, 0, 24)).build());
        byte[] junk = new byte[24];
        java.util.Arrays.fill(junk, (byte) 0xEE);
        h.push(0, PacketBuilder.ip(99).id(5).fragment(16, true).payload(junk).build());
        h.push(0, PacketBuilder.ip(99).id(5).fragment(32, false).payload(java.util.Arrays.copyOfRange(payload, 32, 48)).build());
        Packet whole = h.output(0).get(0);
        byte[] got = java.util.Arrays.copyOfRange(whole.toByteArray(), 20, 68);
        byte[] expected = payload.clone();
        java.util.Arrays.fill(expected, 24, 40, (byte) 0xEE);
        assertArrayEquals(expected, got);
        assertEquals(0, IPv4.fragmentOffset(whole, 0));
        assertTrue(IPv4.headerChecksumValid(whole, 0));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    /** Distinct payload bytes, so misplaced data shows. */
    private static final class Arrays48 {
        static void fill(byte[] b) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (i + 1);
            }
        }
    }

    @Test
    void incompleteDatagramTimesOutAndItsFirstFragmentGoesToOutput1() throws Exception {
        byte[] original = PacketBuilder.udp().payload(1000).bytes();
        ElementHarness<IPReassembler> h = ElementHarness.of(new IPReassembler()).outputs(2).configure("TIMEOUT 30s");
        List<Packet> frags = new ArrayList<>();
        ElementHarness<IPFragmenter> fr = fragment(original, 576, frags);
        h.push(0, frags.get(0));
        frags.get(1).kill();
        assertEquals("1", h.read("count"));
        h.advance(29_000_000_000L);
        assertEquals(0, h.output(1).size());
        h.advance(1_000_000_000L);
        assertEquals(1, h.output(1).size(), "first fragment handed over for ICMP time exceeded (reassembly)");
        assertEquals(0, IPv4.fragmentOffset(h.output(1).get(0), 0));
        assertEquals("0", h.read("count"));
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        fr.assertNoLeaks();
    }

    @Test
    void memoryLimitDropsTheOldestDatagram() throws Exception {
        ElementHarness<IPReassembler> h = ElementHarness.of(new IPReassembler()).configure("MAX_MEM_SIZE 1500");
        h.push(0, PacketBuilder.ip(99).id(1).fragment(0, true).payload(800).build());
        h.push(0, PacketBuilder.ip(99).id(2).fragment(0, true).payload(800).build());
        assertEquals("1", h.read("count"));
        assertEquals("1", h.read("drops"));
        h.element().cleanup();
        h.assertNoLeaks();
    }

    @Test
    void nonFragmentsPassAndBadFragmentsAreDropped() throws Exception {
        ElementHarness<IPReassembler> h = ElementHarness.of(new IPReassembler()).configure("");
        h.push(0, PacketBuilder.udp().build());
        h.push(0, PacketBuilder.ip(99).fragment(0, true).payload(13).build());
        assertEquals(1, h.output(0).size());
        assertEquals("1", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }
}
