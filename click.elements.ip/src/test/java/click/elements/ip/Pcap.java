package click.elements.ip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Minimal pcap files for tests: Ethernet records written with microsecond stamps, any pcap read back. */
final class Pcap {
    private static final int MAGIC_MICROS = 0xA1B2C3D4, MAGIC_NANOS = 0xA1B23C4D;

    private Pcap() {
    }

    /** Writes {@code frames} (link type {@code linkType}) one millisecond apart. */
    static void write(Path file, int linkType, List<byte[]> frames) throws IOException {
        int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        int usec = 0;
        for (byte[] f : frames) {
            b.putInt(1_700_000_000).putInt(usec += 1000).putInt(f.length).putInt(f.length).put(f);
        }
        Files.write(file, b.array());
    }

    /** The records' bytes. */
    static List<byte[]> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        b.position(24);
        List<byte[]> out = new ArrayList<>();
        while (b.remaining() >= 16) {
            b.getInt();
            b.getInt();
            int caplen = b.getInt();
            b.getInt();
            byte[] f = new byte[caplen];
            b.get(f);
            out.add(f);
        }
        return out;
    }
}
