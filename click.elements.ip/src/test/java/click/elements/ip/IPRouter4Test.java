package click.elements.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.testing.PacketBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The four-interface Figure 2 router of {@code conf/ip-router-4.click} (compound IPRouter4 in
 * {@code conf/ip-router-lib.click}), with its devices replaced by a source and counters: a packet
 * from each network reaches the interface of its destination's network with its TTL lowered.
 */
class IPRouter4Test {
    private static final String[] HOSTS = {"192.0.2.2", "192.0.2.66", "198.51.100.2", "203.0.113.2"};

    private static Path lib() {
        Path p = Path.of("..", "conf", "ip-router-lib.click");
        return (Files.exists(p) ? p : Path.of("conf", "ip-router-lib.click")).toAbsolutePath();
    }

    /** Sends one UDP packet from the host on interface {@code from} to the host on {@code to}. */
    private Router route(int from, int to) throws Exception {
        byte[] frame = PacketBuilder.udp().src(HOSTS[from]).dst(HOSTS[to]).ttl(9).ports(1234, 5678).payload(18)
                .ether("02:00:00:00:0" + from + ":02", "02:00:00:00:0" + from + ":01").bytes();
        StringBuilder c = new StringBuilder("require(library " + lib() + ");\n")
                .append("r :: IPRouter4(192.0.2.1, 192.0.2.1/26, 192.0.2.63, 02:00:00:00:00:01,"
                        + " 192.0.2.65, 192.0.2.65/26, 192.0.2.127, 02:00:00:00:01:01,"
                        + " 198.51.100.1, 198.51.100.1/24, 198.51.100.255, 02:00:00:00:02:01,"
                        + " 203.0.113.1, 203.0.113.1/24, 203.0.113.255, 02:00:00:00:03:01);\n");
        for (int i = 0; i < 4; i++) {
            c.append(i == from
                    ? "InfiniteSource(DATA \\<" + HexFormat.of().formatHex(frame) + ">, LIMIT 1, STOP true) -> [" + i + "]r;\n"
                    : "Idle -> [" + i + "]r;\n");
            c.append("r[").append(i).append("] -> out").append(i).append(" :: Counter -> Discard;\n");
        }
        c.append("r[4] -> host :: Counter -> Discard;\n");
        Router r = RouterBuilder.fromText(c.toString(), "ip-router-4-test.click")
                .registry(ElementRegistry.fromServiceLoader(getClass().getClassLoader())).build();
        r.handlers().write("r/arpq" + to + ".insert", HOSTS[to] + " 02:00:00:00:0" + to + ":02");
        r.run();
        r.cleanup();
        return r;
    }

    @Test
    void everyInterfaceForwardsToEveryOther() throws Exception {
        for (int from = 0; from < 4; from++) {
            for (int to = 0; to < 4; to++) {
                if (from == to) {
                    continue;
                }
                Router r = route(from, to);
                for (int i = 0; i < 4; i++) {
                    assertEquals(i == to ? "1" : "0", r.handlers().read("out" + i + ".count"),
                            "from interface " + from + " to " + to + ": output " + i);
                }
                assertEquals("0", r.handlers().read("host.count"));
            }
        }
    }
}
