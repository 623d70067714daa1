package click.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic pcap files for tests: written little-endian with microsecond stamps one millisecond
 * apart; read back in either byte order and either stamp resolution (as tcpdump writes them).
 */
public final class Pcap {
    /** Link type of Ethernet frames. */
    public static final int ETHERNET = 1;
    /** Link type of raw IPv4 packets. */
    public static final int RAW_IP = 101;

    private static final int MAGIC_MICROS = 0xA1B2C3D4;
    private static final int MAGIC_NANOS = 0xA1B23C4D;

    private Pcap() {
    }

    /** Writes {@code records} with link type {@code linkType}, making the file's directory if needed. */
    public static void write(Path file, int linkType, List<byte[]> records) throws IOException {
        int size = 24 + records.stream().mapToInt(r -> 16 + r.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        int usec = 0;
        for (byte[] r : records) {
            b.putInt(1_700_000_000).putInt(usec += 1000).putInt(r.length).putInt(r.length).put(r);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, b.array());
    }

    /** The records' bytes; a record still being written at the end of the file is left out. */
    public static List<byte[]> read(Path file) throws IOException {
        ByteBuffer b = header(file);
        List<byte[]> out = new ArrayList<>();
        if (b == null) {
            return out;
        }
        b.position(24);
        while (b.remaining() >= 16) {
            b.position(b.position() + 8); // timestamp
            int captured = b.getInt();
            b.getInt(); // original length
            if (b.remaining() < captured) {
                break;
            }
            byte[] r = new byte[captured];
            b.get(r);
            out.add(r);
        }
        return out;
    }

    /** The file's link type, or -1 if it has no whole header yet. */
    public static int linkType(Path file) throws IOException {
        ByteBuffer b = header(file);
        return b == null ? -1 : b.getInt(20);
    }

    private static ByteBuffer header(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 24) {
            return null;
        }
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        return b;
    }
}
