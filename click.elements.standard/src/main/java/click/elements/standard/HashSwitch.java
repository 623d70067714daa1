package click.elements.standard;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;

/**
 * <h2>HashSwitch</h2>
 * <b>Synopsis:</b> {@code HashSwitch(OFFSET, LENGTH)}
 * <p><b>Spreads packets over its outputs by a hash of some of their bytes.</b> Category:
 * classification. Ports: 1 push input, 1 or more push outputs. Also known by its older name
 * HashDemux.
 *
 * <p><b>Processing:</b> hashes the LENGTH data bytes starting at OFFSET and pushes the packet out of
 * the output the hash selects. Packets with equal bytes there always take the same output, so
 * hashing on addresses and ports keeps each flow on one path (and one thread) while flows spread
 * evenly. A packet shorter than OFFSET+LENGTH goes to output 0.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>OFFSET</dt><dd>integer &gt;= 0, required: where the hashed bytes start.</dd>
 * <dt>LENGTH</dt><dd>integer &gt;= 1, required: how many bytes to hash.</dd>
 * </dl>
 *
 * <p><b>Differences from Click:</b> the hash function differs (Click sums the bytes; jclick mixes
 * them with FNV-1a and a final avalanche, which spreads similar addresses better), so the same packet
 * may take a different output number than in Click; the spreading is just as deterministic.
 *
 * <p><b>Example:</b> {@code hs :: HashSwitch(30, 4)} after Ethernet spreads by IPv4 destination
 * address: {@code hs[0] -> rw0; hs[1] -> rw1;}
 * <p><b>See also:</b> RoundRobinSwitch, Switch, Classifier.
 */
@ElementInfo(ports = "1/1-", processing = "h/h", category = "classification", aliases = "HashDemux")
public final class HashSwitch extends Element {
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private int offset;
    private int length;

    @Override
    public void configure(Args args) throws ConfigException {
        int off = args.requiredPositional("OFFSET").asInt(0, 0, Integer.MAX_VALUE);
        int len = args.requiredPositional("LENGTH").asInt(1, 1, Integer.MAX_VALUE);
        args.complete();
        offset = off;
        length = len;
    }

    @Override
    public void push(int port, Packet p) {
        if (p.length() - length < offset) {
            output(0).push(p);
            return;
        }
        output(outputFor(hash(p.buffer(), p.offset() + offset, length), noutputs())).push(p);
    }

    static int hash(byte[] data, int from, int len) {
        int h = FNV_OFFSET;
        for (int i = from; i < from + len; i++) {
            h = (h ^ (data[i] & 0xFF)) * FNV_PRIME;
        }
        // FNV's low bits depend weakly on the last bytes; fold the high bits in before reducing.
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }

    /** Maps a 32-bit hash onto {@code [0, n)} without division (multiply-shift). */
    static int outputFor(int hash, int n) {
        return (int) (((hash & 0xFFFFFFFFL) * n) >>> 32);
    }
}
