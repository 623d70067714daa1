package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.Tally;
import click.api.net.EtherAddress;
import click.api.net.Headers;
import click.api.net.IPPrefix;

import java.util.ArrayList;
import java.util.List;

/**
 * <h2>ARPResponder</h2>
 * <b>Synopsis:</b> {@code ARPResponder(IP/MASK ... ETH, ...)}
 * <p><b>Answers ARP requests for the given addresses (RFC 826).</b> Category: ARP. Ports: 1 input,
 * 1 or 2 outputs; agnostic input and first output, push second output.
 *
 * <p><b>Processing:</b> input packets are Ethernet frames. An ARP request (Ethernet/IPv4) whose
 * target address lies in one of the configured prefixes is turned, in place, into the reply: the
 * target becomes the sender with that argument's Ethernet address, the requester becomes the
 * target, and the Ethernet header goes back to the requester. The reply leaves on output 0. Any
 * other packet (not ARP, not a request, an unknown target) leaves on output 1 if connected, else it
 * is dropped. Arguments are tried in order; the first matching prefix answers. Each argument is
 * one or more space-separated addresses or prefixes followed by one Ethernet address; a bare
 * address is a /32.
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>table (read)</dt><dd>one line per prefix: prefix, Ethernet address.</dd>
 * <dt>count (read)</dt><dd>replies sent.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code c[0] -> ARPResponder(192.0.2.1 02:00:00:00:00:01, 192.0.2.128/25 02:00:00:00:00:01) -> out;}
 * (the second argument is proxy ARP for a subnet).
 * <p><b>See also:</b> ARPQuerier.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah", category = "ARP")
public final class ARPResponder extends Element {
    private final Tally replies = new Tally();
    private int[] nets = new int[0];
    private int[] masks = new int[0];
    private long[] eths = new long[0];

    @Override
    public void configure(Args args) throws ConfigException {
        List<IPPrefix> prefixes = new ArrayList<>();
        List<Long> ethers = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String arg : args.rest()) {
            String[] w = arg.trim().split("\\s+");
            if (w.length < 2) {
                errors.add("expected 'IP/MASK ... ETH', got \"" + arg.trim() + "\"");
                continue;
            }
            long eth;
            try {
                eth = EtherAddress.parse(w[w.length - 1]);
            } catch (IllegalArgumentException e) {
                errors.add("expected an Ethernet address at the end of \"" + arg.trim() + "\"");
                continue;
            }
            for (int i = 0; i < w.length - 1; i++) {
                try {
                    prefixes.add(IPPrefix.parse(w[i]));
                    ethers.add(eth);
                } catch (IllegalArgumentException e) {
                    errors.add("expected an IP address or prefix in \"" + arg.trim() + "\", got \"" + w[i] + "\"");
                }
            }
        }
        if (prefixes.isEmpty() && errors.isEmpty()) {
            errors.add("expected at least one 'IP/MASK ETH' argument");
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        args.complete();
        nets = prefixes.stream().mapToInt(IPPrefix::network).toArray();
        masks = prefixes.stream().mapToInt(IPPrefix::mask).toArray();
        eths = ethers.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int a = Headers.ETHER_LEN;
        if (p.length() < a + Headers.ARP_LEN || p.u16(Headers.ETHER_TYPE) != Headers.ETHERTYPE_ARP
                || p.u16(a + Headers.ARP_HTYPE) != 1 || p.u16(a + Headers.ARP_PTYPE) != Headers.ETHERTYPE_IP
                || p.u8(a + Headers.ARP_HLEN) != 6 || p.u8(a + Headers.ARP_PLEN) != 4
                || p.u16(a + Headers.ARP_OP) != Headers.ARPOP_REQUEST) {
            checkedPush(1, p);
            return null;
        }
        int target = p.i32(a + Headers.ARP_TPA);
        int k = 0;
        while (k < nets.length && (target & masks[k]) != nets[k]) {
            k++;
        }
        if (k == nets.length) {
            checkedPush(1, p);
            return null;
        }
        byte[] b = p.buffer();
        int o = p.offset();
        long requester = EtherAddress.read(b, o + a + Headers.ARP_SHA);
        int requesterIp = p.i32(a + Headers.ARP_SPA);
        EtherAddress.write(b, o + Headers.ETHER_DST, requester);
        EtherAddress.write(b, o + Headers.ETHER_SRC, eths[k]);
        p.setU16(a + Headers.ARP_OP, Headers.ARPOP_REPLY);
        EtherAddress.write(b, o + a + Headers.ARP_SHA, eths[k]);
        p.setI32(a + Headers.ARP_SPA, target);
        EtherAddress.write(b, o + a + Headers.ARP_THA, requester);
        p.setI32(a + Headers.ARP_TPA, requesterIp);
        replies.increment();
        return p;
    }

    private String table() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nets.length; i++) {
            sb.append(new IPPrefix(nets[i], masks[i])).append('\t').append(EtherAddress.toString(eths[i])).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.read("table", this::table)
         .read("count", () -> Long.toString(replies.sum()));
    }
}
