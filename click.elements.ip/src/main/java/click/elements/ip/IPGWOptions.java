package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPAnnotations;
import click.api.net.IPv4;

import java.util.ArrayList;
import java.util.List;

/**
 * <h2>IPGWOptions</h2>
 * <b>Synopsis:</b> {@code IPGWOptions(MYADDR [, OTHERADDRS])}
 * <p><b>Processes the IP options a forwarding router must handle (RFC 791, RFC 1812 5.2.4).</b>
 * Category: IP. Ports: 1 input, 1 or 2 outputs; agnostic input and first output, push second
 * output.
 *
 * <p><b>Processing:</b> a packet without options passes at once. Otherwise every option is checked
 * and processed:
 * <ul>
 * <li>Record Route (7): if there is room, MYADDR is written at the pointer and the pointer moves on.</li>
 * <li>Timestamp (68): with flag 0, the time (milliseconds since midnight UTC, from the router's
 * clock) is written; with flag 1, MYADDR and the time; with flag 3, the time only where the next
 * prespecified address is MYADDR or one of OTHERADDRS. A full option has its overflow count
 * raised; an overflowing count is an error.</li>
 * <li>Loose (131) and Strict (137) Source Route: checked for form; when the packet is addressed to
 * this router (MYADDR or OTHERADDRS) and the route is not used up, the next address becomes the
 * destination (and the destination annotation), MYADDR is recorded in its place and the pointer
 * moves on. Click's IPGWOptions leaves source routes alone.</li>
 * <li>End of list (0) ends the options; No-operation (1) is skipped; others are skipped by length.</li>
 * </ul>
 * The header checksum is recomputed if anything changed. A malformed option (bad length, a pointer
 * below its minimum, a timestamp overflow) sends the packet, unchanged past the fault, to output 1
 * (if connected, else it is dropped) with the PARAM_POINTER annotation set to the offset of the
 * faulty byte from the start of the IP header, for {@code ICMPError(ADDR, parameterproblem)}.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>MYADDR</dt><dd>IP address, required: this interface's address.</dd>
 * <dt>OTHERADDRS</dt><dd>space-separated addresses: the router's other addresses.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>drops (read)</dt><dd>packets with bad options, and packets too short for their IP header
 * (those are killed).</dd>
 * </dl>
 *
 * <p><b>Annotations:</b> uses the network header (the data start if unset); sets PARAM_POINTER
 * (user byte 1, see click.api.net.IPAnnotations) on bad packets and the destination IP address
 * after a source-route step.
 * <p><b>Example:</b> {@code gio :: IPGWOptions(192.0.2.1) -> FixIPSrc(192.0.2.1) -> ...; gio[1] -> ICMPError(192.0.2.1, parameterproblem) -> rt;}
 * <p><b>See also:</b> ICMPError, FixIPSrc.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "IP")
public final class IPGWOptions extends Element {
    static final int OPT_EOL = 0, OPT_NOP = 1, OPT_RR = 7, OPT_TS = 68, OPT_LSRR = 131, OPT_SSRR = 137;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final Tally drops = new Tally();
    private int myAddr;
    private int[] otherAddrs = new int[0];

    @Override
    public void configure(Args args) throws ConfigException {
        int me = args.requiredPositional("MYADDR").asIPv4(0);
        String others = args.positional("OTHERADDRS").raw();
        List<Integer> list = new ArrayList<>();
        if (others != null && !others.isBlank()) {
            for (String w : others.trim().split("\\s+")) {
                try {
                    list.add(IPAddress.parse(w));
                } catch (IllegalArgumentException e) {
                    args.error("expected a list of IP addresses for OTHERADDRS, got \"" + w + "\"");
                }
            }
        }
        args.complete();
        myAddr = me;
        otherAddrs = list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = IPv4.headerOffset(p);
        if (!IPv4.hasHeader(p, ip)) {
            drops.increment();
            p.kill();
            return null;
        }
        int hlen = IPv4.headerLength(p, ip);
        if (hlen == Headers.IP_MIN_LEN) {
            return p;
        }
        int fault = processOptions(p, ip, hlen);
        if (fault >= 0) {
            p.setUserAnnoU8(IPAnnotations.PARAM_POINTER, fault);
            drops.increment();
            checkedPush(1, p);
            return null;
        }
        return p;
    }

    /** Processes every option; returns the offset of a faulty byte from the header start, or -1. */
    private int processOptions(Packet p, int ip, int hlen) {
        boolean changed = false;
        int i = Headers.IP_MIN_LEN;
        while (i < hlen) {
            int opt = p.u8(ip + i);
            if (opt == OPT_EOL) {
                break;
            }
            if (opt == OPT_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= hlen) {
                return i;
            }
            int len = p.u8(ip + i + 1);
            if (len < 2 || i + len > hlen) {
                return i + 1;
            }
            int result = switch (opt) {
                case OPT_RR -> recordRoute(p, ip + i, len);
                case OPT_TS -> timestamp(p, ip + i, len);
                case OPT_LSRR, OPT_SSRR -> sourceRoute(p, ip, ip + i, len);
                default -> UNCHANGED;
            };
            if (result >= 0) {
                if (changed) {
                    IPv4.setHeaderChecksum(p, ip); // the quoted header must still be valid
                }
                return i + result;
            }
            changed |= result == CHANGED;
            i += len;
        }
        if (changed) {
            IPv4.setHeaderChecksum(p, ip);
        }
        return -1;
    }

    /** Option handler results: a non-negative value is the faulty byte's offset within the option. */
    private static final int UNCHANGED = -1, CHANGED = -2;

    private int recordRoute(Packet p, int o, int len) {
        int ptr = p.u8(o + 2);
        if (len < 3 || ptr < 4) {
            return 2;
        }
        if (ptr + 3 > len) {
            return UNCHANGED; // full: nothing more is recorded
        }
        p.setI32(o + ptr - 1, myAddr);
        p.setU8(o + 2, ptr + 4);
        return CHANGED;
    }

    private int timestamp(Packet p, int o, int len) {
        if (len < 4) {
            return 1;
        }
        int ptr = p.u8(o + 2);
        int oflw = p.u8(o + 3) >> 4;
        int flag = p.u8(o + 3) & 0xF;
        if (ptr < 5) {
            return 2;
        }
        int entry = flag == 0 ? 4 : flag == 1 || flag == 3 ? 8 : -1;
        if (entry < 0) {
            return 3;
        }
        if (ptr + entry - 1 > len) {
            if (oflw == 15) {
                return 3;
            }
            p.setU8(o + 3, (oflw + 1) << 4 | flag);
            return CHANGED;
        }
        int at = o + ptr - 1;
        int ms = (int) (context().clock().epochNanos() % NANOS_PER_DAY / 1_000_000L);
        if (flag == 0) {
            p.setI32(at, ms);
        } else if (flag == 1) {
            p.setI32(at, myAddr);
            p.setI32(at + 4, ms);
        } else {
            if (!isMine(p.i32(at))) {
                return UNCHANGED;
            }
            p.setI32(at + 4, ms);
        }
        p.setU8(o + 2, ptr + entry);
        return CHANGED;
    }

    private int sourceRoute(Packet p, int ip, int o, int len) {
        int ptr = p.u8(o + 2);
        if (len < 3 || ptr < 4) {
            return 2;
        }
        if (ptr + 3 > len || !isMine(p.i32(ip + Headers.IP_DST))) {
            return UNCHANGED;
        }
        int next = p.i32(o + ptr - 1);
        p.setI32(o + ptr - 1, myAddr);
        p.setU8(o + 2, ptr + 4);
        p.setI32(ip + Headers.IP_DST, next);
        p.setDstIp(next);
        return CHANGED;
    }

    private boolean isMine(int a) {
        if (a == myAddr) {
            return true;
        }
        for (int x : otherAddrs) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.sum()));
    }
}
