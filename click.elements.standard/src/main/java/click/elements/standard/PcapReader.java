package click.elements.standard;

import click.api.Packet;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Reads a classic libpcap file (the format of {@code tcpdump -w}) record by record through one
 * reusable buffer: either byte order, microsecond ({@code a1b2c3d4}) or nanosecond
 * ({@code a1b23c4d}) timestamps. Each record becomes a pooled {@link Packet} with its timestamp
 * annotation set.
 *
 * <p>Also holds the format's constants and link-type names, which ToDump shares.
 *
 * <p>Thread ownership: one thread at a time (FromDump's task, or its puller).
 */
final class PcapReader implements Closeable {
    static final int MAGIC_MICRO = 0xa1b2c3d4;
    static final int MAGIC_NANO = 0xa1b23c4d;
    static final int FILE_HEADER_LEN = 24;
    static final int RECORD_HEADER_LEN = 16;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    /** Records longer than this are taken as a sign of a corrupt file. */
    static final int MAX_RECORD = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private final boolean nanos;
    private final int linkType;
    private final int snaplen;
    private long position;

    /** Opens {@code file} and checks its header; the message of any IOException is written for the user. */
    PcapReader(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            buf.limit(0);
            if (!fill(FILE_HEADER_LEN)) {
                throw new IOException("not a pcap file: only " + buf.remaining() + " bytes, shorter than a pcap header");
            }
            int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(buf.position());
            if (magic == MAGIC_MICRO || magic == MAGIC_NANO) {
                buf.order(ByteOrder.BIG_ENDIAN);
            } else if (Integer.reverseBytes(magic) == MAGIC_MICRO || Integer.reverseBytes(magic) == MAGIC_NANO) {
                buf.order(ByteOrder.LITTLE_ENDIAN);
                magic = Integer.reverseBytes(magic);
            } else {
                throw new IOException(String.format(Locale.ROOT,
                        "not a pcap file: magic number %08x is neither a1b2c3d4 nor a1b23c4d in either byte order", magic));
            }
            nanos = magic == MAGIC_NANO;
            buf.getInt();
            int major = buf.getShort() & 0xFFFF;
            buf.getShort(); // minor version: 4 everywhere, and nothing depends on it
            buf.getInt();   // thiszone
            buf.getInt();   // sigfigs
            snaplen = buf.getInt();
            linkType = buf.getInt() & 0x0FFFFFFF; // the top bits may carry FCS information
            if (major != 2) {
                throw new IOException("unsupported pcap version " + major + " (expected 2)");
            }
            position = FILE_HEADER_LEN;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    int linkType() {
        return linkType;
    }

    int snaplen() {
        return snaplen;
    }

    /** Bytes of the file consumed so far. */
    long position() {
        return position;
    }

    long size() throws IOException {
        return channel.size();
    }

    /**
     * The next record as a packet with {@code headroom} bytes of headroom, or null at the end of
     * the file. A record cut short by the end of the file, or claiming an absurd length, throws an
     * {@link EOFException} / {@link IOException} saying where.
     */
    Packet next(int headroom) throws IOException {
        if (!fill(RECORD_HEADER_LEN)) {
            if (buf.hasRemaining()) {
                throw new EOFException("truncated record header at byte " + position + " of " + file);
            }
            return null;
        }
        long sec = buf.getInt() & 0xFFFFFFFFL;
        long frac = buf.getInt() & 0xFFFFFFFFL;
        int caplen = buf.getInt();
        buf.getInt(); // original length: jclick has no extra-length annotation
        if (caplen < 0 || caplen > MAX_RECORD) {
            throw new IOException("record at byte " + position + " of " + file + " claims "
                    + (caplen & 0xFFFFFFFFL) + " bytes; the file looks corrupt");
        }
        if (!fill(caplen)) {
            throw new EOFException("truncated record at byte " + position + " of " + file + ": "
                    + buf.remaining() + " of " + caplen + " bytes");
        }
        Packet p = Packet.make(headroom, caplen, 0);
        buf.get(p.buffer(), p.offset(), caplen);
        p.setTimestamp(sec * 1_000_000_000L + (nanos ? frac : frac * 1000));
        position += RECORD_HEADER_LEN + caplen;
        return p;
    }

    /** Goes back to the first record. */
    void rewind() throws IOException {
        channel.position(FILE_HEADER_LEN);
        buf.clear().limit(0);
        position = FILE_HEADER_LEN;
    }

    /** Makes at least {@code n} bytes available in the buffer; false if the file ends first. */
    private boolean fill(int n) throws IOException {
        if (buf.remaining() >= n) {
            return true;
        }
        if (n > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(Integer.highestOneBit(n) << 1).order(buf.order());
            bigger.put(buf).flip();
            buf = bigger;
        }
        buf.compact();
        try {
            while (buf.position() < n) {
                if (channel.read(buf) < 0) {
                    return false;
                }
            }
        } finally {
            buf.flip();
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Click's ENCAP name of a link type: ETHER, IP, or the number. */
    static String encapName(int linkType) {
        switch (linkType) {
            case LINKTYPE_ETHERNET: return "ETHER";
            case 12: case 14: case LINKTYPE_RAW: case 228: return "IP";
            default: return Integer.toString(linkType);
        }
    }
}
