package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;
import java.util.Arrays;

/**
 * <h2>StoreData</h2>
 * <b>Synopsis:</b> {@code StoreData(OFFSET, DATA [, MASK, GROW])}
 * <p><b>Overwrites packet bytes.</b> Category: basic modification. Ports: 1 input, 1 output,
 * agnostic.
 *
 * <p><b>Processing:</b> writes DATA into every packet starting at data offset OFFSET and passes the
 * packet on. With MASK, only the bits set in MASK change: byte {@code i} becomes
 * {@code (old & ~MASK[i]) | (DATA[i] & MASK[i])}. A packet too short for all of DATA gets as much as
 * fits, unless GROW is true: then it is first extended to OFFSET plus the length of DATA (the new
 * bytes are zero before the store), as far as its buffer allows.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>OFFSET</dt><dd>integer &gt;= 0, required.</dd>
 * <dt>DATA</dt><dd>data, required, e.g. {@code \<02>}.</dd>
 * <dt>MASK</dt><dd>data, optional, as long as DATA: which bits to change.</dd>
 * <dt>GROW</dt><dd>boolean, default false: lengthen short packets.</dd>
 * </dl>
 *
 * <p><b>Example:</b> {@code InfiniteSource(...) -> StoreData(0, \<02>) -> ...} sets the first byte.
 * In C++ Click this forces a private copy of a shared packet; in jclick every packet is already
 * private, so it costs only the store.
 * <p><b>See also:</b> Strip, Unstrip.
 */
@ElementInfo(ports = "1/1", processing = "a/a", category = "basic modification")
public final class StoreData extends Element {
    private int offset;
    private byte[] data = new byte[0];
    private byte[] mask;
    private boolean grow;

    @Override
    public void configure(Args args) throws ConfigException {
        int off = args.requiredPositional("OFFSET").asInt(0, 0, Integer.MAX_VALUE);
        byte[] d = args.requiredPositional("DATA").asBytes(new byte[0]);
        byte[] m = args.positional("MASK").asBytes(null);
        boolean g = args.optional("GROW").asBool(false);
        if (m != null && m.length != d.length) {
            args.error("expected MASK as long as DATA (" + d.length + " bytes), got " + m.length + " bytes");
        }
        args.complete();
        offset = off;
        data = d;
        mask = m;
        grow = g;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int end = offset + data.length;
        if (grow && p.length() < end) {
            int extra = Math.min(end - p.length(), p.tailroom());
            int from = p.length();
            p.put(extra);
            Arrays.fill(p.buffer(), p.offset() + from, p.offset() + from + extra, (byte) 0);
        }
        int n = Math.min(data.length, p.length() - offset);
        if (n <= 0) {
            return p;
        }
        if (mask == null) {
            p.setBytes(offset, data, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                int old = p.u8(offset + i);
                p.setU8(offset + i, (old & ~mask[i]) | (data[i] & mask[i]));
            }
        }
        return p;
    }
}
