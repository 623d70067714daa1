package click.elements.nat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Classic little-endian pcap files of raw IPv4 packets (link type 101), for the end-to-end tests. */
final class Pcap {
    private static final int MAGIC = 0xa1b2c3d4;
    private static final int LINKTYPE_RAW_IP = 101;

    private Pcap() {
    }

    static void write(Path file, List<byte[]> packets) throws IOException {
        int size = 24 + packets.stream().mapToInt(p -> 16 + p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(LINKTYPE_RAW_IP);
        int second = 1_700_000_000;
        for (byte[] p : packets) {
            b.putInt(second).putInt(0).putInt(p.length).putInt(p.length).put(p);
        }
        Files.write(file, b.array());
    }

    static List<byte[]> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC) {
            throw new IOException(file + " is not a little-endian microsecond pcap file");
        }
        b.position(20);
        if (b.getInt() != LINKTYPE_RAW_IP) {
            throw new IOException(file + " does not hold raw IP packets");
        }
        List<byte[]> out = new ArrayList<>();
        while (b.remaining() >= 16) {
            b.getInt();
            b.getInt();
            int caplen = b.getInt();
            b.getInt();
            byte[] p = new byte[caplen];
            b.get(p);
            out.add(p);
        }
        return out;
    }

    /** The packet a host would send back: addresses and ports exchanged, fresh checksums. */
    static byte[] echo(byte[] udp) {
        byte[] reply = TestPackets.udpBytes(click.api.net.IPAddress.toString(TestPackets.getI32(udp, 16)),
                TestPackets.getU16(udp, 22), click.api.net.IPAddress.toString(TestPackets.getI32(udp, 12)),
                TestPackets.getU16(udp, 20), udp.length - 28);
        System.arraycopy(udp, 28, reply, 28, udp.length - 28);
        TestPackets.putU16(reply, 26, TestPackets.transportChecksum(Arrays.copyOf(reply, reply.length), TestPackets.UDP));
        return reply;
    }
}
