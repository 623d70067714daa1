package click.elements.ipsec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal classic pcap writer for raw IPv4 packets (link type 101), for interoperability checks. */
final class PcapWriter {
    private static final int LINKTYPE_RAW = 101;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int count;

    PcapWriter() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(LINKTYPE_RAW);
        out.writeBytes(h.array());
    }

    PcapWriter add(byte[] packet) {
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt(1_700_000_000 + count).putInt(0).putInt(packet.length).putInt(packet.length);
        out.writeBytes(r.array());
        out.writeBytes(packet);
        count++;
        return this;
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
    }
}
