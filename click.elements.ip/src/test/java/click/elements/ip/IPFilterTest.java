package click.elements.ip;

import static click.api.net.Headers.TH_SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.Packet;
import click.testing.ElementHarness;
import org.junit.jupiter.api.Test;

class IPFilterTest {
    private static Packet web(String src) {
        return IPv4PacketBuilder.tcp(src, 40000, "192.0.2.10", 80, TH_SYN).packet();
    }

    private static Packet dns() {
        return IPv4PacketBuilder.udp("192.0.2.2", 5353, "198.51.100.1", 53).packet();
    }

    private static Packet ping() {
        return IPv4PacketBuilder.icmp("192.0.2.1", "203.0.113.9", 8, 0).packet();
    }

    @Test
    void actionsSendToOutputsOrDropInRuleOrder() throws Exception {
        ElementHarness<IPFilter> h = ElementHarness.of(new IPFilter()).outputs(2).configure(
                "deny src net 10.0.0.0/8, allow tcp dst port www, 1 icmp type echo, drop udp");
        h.push(0, web("10.1.2.3"));     // denied by the first rule, though it also matches the second
        h.push(0, web("192.0.2.7"));    // allowed
        h.push(0, ping());              // output 1
        h.push(0, dns());               // dropped
        assertEquals(1, h.output(0).size());
        assertEquals(1, h.output(1).size());
        assertEquals("2", h.read("drops"));
        h.clearOutputs();
        h.assertNoLeaks();
    }

    @Test
    void packetMatchingNoFilterIsDropped() throws Exception {
        ElementHarness<IPFilter> h = ElementHarness.of(new IPFilter()).outputs(1).configure("allow udp");
        h.push(0, ping());
        assertEquals(0, h.output(0).size());
        assertEquals("1", h.read("drops"));
        h.assertNoLeaks();
    }

    @Test
    void actionAloneOrWithDashMatchesEverything() throws Exception {
        ElementHarness<IPFilter> h = ElementHarness.of(new IPFilter()).outputs(1).configure("drop icmp, allow");
        h.push(0, ping()).push(0, dns());
        assertEquals(1, h.output(0).size());
        h.clearOutputs();

        ElementHarness<IPFilter> all = ElementHarness.of(new IPFilter()).outputs(1).configure("allow -");
        all.push(0, ping());
        assertEquals(1, all.output(0).size());
        all.clearOutputs();
        all.assertNoLeaks();
    }

    @Test
    void denyAllDropsEverything() throws Exception {
        ElementHarness<IPFilter> h = ElementHarness.of(new IPFilter()).outputs(1).configure("deny all");
        h.push(0, web("192.0.2.7"));
        assertEquals(0, h.output(0).size());
        assertEquals("all packets -> drop\n", h.read("program"));
        h.assertNoLeaks();
    }

    @Test
    void badActionsAreReportedPerFilter() {
        ConfigException e = assertThrows(ConfigException.class, () -> ElementHarness.of(new IPFilter()).outputs(2)
                .configure("alow tcp, 2 udp, allow icmp, , 1 tcp port"));
        assertEquals(4, e.messages().size(), e.getMessage());
        assertEquals("pattern 0: unknown action \"alow\": expected allow, deny, drop or an output number",
                e.messages().get(0));
        assertEquals("pattern 1: output 2 out of range: IPFilter has 2 outputs", e.messages().get(1));
        assertEquals("pattern 3: empty filter: expected an action (allow, deny, drop or an output number)",
                e.messages().get(2));
        assertEquals("pattern 4: expected a port number after \"port\", got end of pattern", e.messages().get(3));
    }

    @Test
    void allowNeedsAnOutput() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new IPFilter()).outputs(0).configure("allow tcp"));
        assertEquals("pattern 0: \"allow\" needs output 0, but IPFilter has no outputs", e.getMessage());
    }

    @Test
    void registeredWithClickName() {
        assertTrue(new IPElements().elementFactories().stream().anyMatch(f -> f.className().equals("IPFilter")));
    }
}
