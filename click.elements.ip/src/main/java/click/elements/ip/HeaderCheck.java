package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.DropCounters;
import click.api.Element;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.Headers;
import click.api.net.IPAddress;
import click.api.net.IPPrefix;
import click.api.net.IPv4;
import java.util.ArrayList;
import java.util.List;

/**
 * What CheckIPHeader and CheckIPHeader2 share: the checks, the source-address lists, the drop
 * counters. Subclasses only say whether the checksum is checked by default.
 */
abstract class HeaderCheck extends Element {
    /** Why a packet was dropped; the text is what drop_details shows. */
    enum Reason {
        TINY_PACKET("tiny packet"),
        BAD_VERSION("bad IP version"),
        BAD_HLEN("bad IP header length"),
        BAD_IP_LEN("bad IP length"),
        BAD_CHECKSUM("bad IP checksum"),
        BAD_SADDR("bad source address");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final DropCounters<Reason> drops = new DropCounters<>(Reason.class);
    private int offset;
    private boolean checksum;
    private boolean verbose;
    private boolean checkSource;
    private int[] badSrc = new int[0];
    private int[] goodDst = new int[0];

    /** Whether this class checks the checksum unless told otherwise. */
    abstract boolean checksumByDefault();

    @Override
    public void configure(Args args) throws ConfigException {
        int off = 0;
        List<Integer> bad = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        boolean sourceCheck = false;
        String first = args.positional("OFFSET").raw();
        if (first != null && first.indexOf('.') >= 0) {
            // Click's old syntax: CheckIPHeader(BADSRC2 [, OFFSET]); 0.0.0.0 and 255.255.255.255 are bad too
            addAddresses(args, "BADSRC", first, bad);
            bad.add(0);
            bad.add(-1);
            sourceCheck = true;
            off = args.positional("OFFSET").asInt(0, 0, Integer.MAX_VALUE);
        } else if (first != null) {
            try {
                off = Integer.parseUnsignedInt(first.trim());
            } catch (NumberFormatException e) {
                args.error("expected an unsigned integer for OFFSET, got \"" + first + "\"");
            }
        }
        String badText = args.optional("BADSRC").raw();
        if (badText != null) {
            addAddresses(args, "BADSRC", badText, bad);
            sourceCheck = true;
        }
        String goodText = args.optional("GOODDST").raw();
        if (goodText != null) {
            addAddresses(args, "GOODDST", goodText, good);
            sourceCheck = true;
        }
        String ifaces = args.optional("INTERFACES").raw();
        if (ifaces != null) {
            for (String word : ifaces.trim().split("\\s+")) {
                try {
                    IPPrefix pfx = IPPrefix.parse(word);
                    bad.add(pfx.addr() | ~pfx.mask());
                    good.add(pfx.addr());
                } catch (IllegalArgumentException e) {
                    args.error("expected address/prefix list for INTERFACES, got \"" + word + "\"");
                }
            }
            bad.add(0);
            bad.add(-1);
            sourceCheck = true;
        }
        boolean sum = args.optional("CHECKSUM").asBool(checksumByDefault());
        boolean verb = args.optional("VERBOSE").asBool(false);
        args.optional("DETAILS").asBool(false);
        args.complete();
        offset = off;
        checksum = sum;
        verbose = verb;
        checkSource = sourceCheck;
        badSrc = bad.stream().distinct().mapToInt(Integer::intValue).toArray();
        goodDst = good.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

    private static void addAddresses(Args args, String name, String text, List<Integer> into) {
        for (String word : text.trim().split("\\s+")) {
            try {
                into.add(IPAddress.parse(word));
            } catch (IllegalArgumentException e) {
                args.error("expected a list of IP addresses for " + name + ", got \"" + word + "\"");
            }
        }
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int ip = offset;
        int plen = p.length() - ip;
        if (plen < Headers.IP_MIN_LEN) {
            return drop(Reason.TINY_PACKET, p);
        }
        int vhl = p.u8(ip + Headers.IP_VHL);
        if (vhl >> 4 != 4) {
            return drop(Reason.BAD_VERSION, p);
        }
        int hlen = (vhl & 0xF) << 2;
        if (hlen < Headers.IP_MIN_LEN) {
            return drop(Reason.BAD_HLEN, p);
        }
        int len = p.u16(ip + Headers.IP_LEN);
        if (len > plen || len < hlen) {
            return drop(Reason.BAD_IP_LEN, p);
        }
        if (checksum && !IPv4.headerChecksumValid(p, ip)) {
            return drop(Reason.BAD_CHECKSUM, p);
        }
        int dst = p.i32(ip + Headers.IP_DST);
        if (checkSource && badSource(p.i32(ip + Headers.IP_SRC), dst)) {
            return drop(Reason.BAD_SADDR, p);
        }
        p.setNetworkHeader(ip, hlen);
        if (plen > len) {
            p.take(plen - len); // link-level padding
        }
        if (p.dstIp() == 0) {
            p.setDstIp(dst);
        }
        return p;
    }

    /** RFC 1812 5.3.7: broadcast, multicast and listed sources are bad unless the packet is for us. */
    private boolean badSource(int src, int dst) {
        if (!IPv4.isMulticast(src) && !contains(badSrc, src)) {
            return false;
        }
        return !contains(goodDst, dst);
    }

    private static boolean contains(int[] set, int a) {
        for (int x : set) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }

    private Packet drop(Reason reason, Packet p) {
        if (verbose || drops.total() == 0) {
            context().message(this, "IP header check failed: " + reason);
        }
        drops.count(reason);
        checkedPush(1, p);
        return null;
    }

    /** Packets dropped for {@code reason}. */
    long drops(Reason reason) {
        return drops.get(reason);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("drops", () -> Long.toString(drops.total()))
         .read("drop_details", drops::details)
         .write("reset_counts", v -> drops.reset());
    }
}
