package click.elements.ip;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Packet;
import click.api.net.EtherAddress;
import click.api.net.Headers;

/**
 * <h2>EtherEncap</h2>
 * <b>Synopsis:</b> {@code EtherEncap(ETHERTYPE, SRC, DST)}
 * <p><b>Prepends an Ethernet header.</b> Category: Ethernet. Ports: 1 input, 1 output, agnostic.
 *
 * <p><b>Processing:</b> adds 14 bytes in front of the data (in the headroom, without copying when
 * there is room): DST, SRC, ETHERTYPE.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>ETHERTYPE</dt><dd>16-bit integer, required, e.g. 0x0800 for IP.</dd>
 * <dt>SRC</dt><dd>Ethernet address, required.</dd>
 * <dt>DST</dt><dd>Ethernet address, required.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>src, dst (read/write)</dt><dd>the addresses.</dd>
 * <dt>ethertype (read/write)</dt><dd>the type.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code rt[0] -> EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02) -> ToHost}
 * <p><b>See also:</b> ARPQuerier, Strip.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "Ethernet")
public final class EtherEncap extends Element {
    /** Destination, source and type as one immutable header, swapped whole by handlers. */
    private volatile byte[] header = new byte[Headers.ETHER_LEN];

    @Override
    public void configure(Args args) throws ConfigException {
        int type = args.requiredPositional("ETHERTYPE").asInt(0, 0, 0xFFFF);
        long src = args.requiredPositional("SRC").asEther(0);
        long dst = args.requiredPositional("DST").asEther(0);
        args.complete();
        header = header(type, src, dst);
    }

    private static byte[] header(int type, long src, long dst) {
        byte[] h = new byte[Headers.ETHER_LEN];
        EtherAddress.write(h, Headers.ETHER_DST, dst);
        EtherAddress.write(h, Headers.ETHER_SRC, src);
        h[Headers.ETHER_TYPE] = (byte) (type >> 8);
        h[Headers.ETHER_TYPE + 1] = (byte) type;
        return h;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.push(Headers.ETHER_LEN);
        p.setBytes(0, header, 0, Headers.ETHER_LEN);
        return p;
    }

    private int type() {
        byte[] h = header;
        return (h[Headers.ETHER_TYPE] & 0xFF) << 8 | (h[Headers.ETHER_TYPE + 1] & 0xFF);
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.readWrite("src", () -> EtherAddress.toString(EtherAddress.read(header, Headers.ETHER_SRC)),
                v -> header = header(type(), ether(v), EtherAddress.read(header, Headers.ETHER_DST)))
         .readWrite("dst", () -> EtherAddress.toString(EtherAddress.read(header, Headers.ETHER_DST)),
                v -> header = header(type(), EtherAddress.read(header, Headers.ETHER_SRC), ether(v)))
         .readWrite("ethertype", () -> String.format("0x%04x", type()), v -> {
             Args a = new Args(v);
             int t = a.requiredPositional("ETHERTYPE").asInt(0, 0, 0xFFFF);
             try {
                 a.complete();
             } catch (ConfigException e) {
                 throw new HandlerException(e.getMessage());
             }
             header = header(t, EtherAddress.read(header, Headers.ETHER_SRC), EtherAddress.read(header, Headers.ETHER_DST));
         });
    }

    private static long ether(String v) throws HandlerException {
        try {
            return EtherAddress.parse(v.trim());
        } catch (IllegalArgumentException e) {
            throw new HandlerException("expected an Ethernet address, got \"" + v.trim() + "\"");
        }
    }
}
