package click.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacketTest {
    @Test
    void headersAreAddedAndRemovedWithoutCopying() {
        Packet p = Packet.make(new byte[] {1, 2, 3, 4});
        int head = p.headroom();
        p.push(2).setU16(0, 0xBEEF);
        assertEquals(6, p.length());
        assertEquals(head - 2, p.headroom());
        assertEquals(0xBEEF, p.u16(0));
        assertEquals(1, p.u8(2));
        p.pull(3).take(1);
        assertEquals(2, p.length());
        assertEquals(0x0203, p.u16(0));
        p.put(1).setU8(2, 9);
        assertEquals(0x020309, p.u16(0) << 8 | p.u8(2));
        p.kill();
    }

    @Test
    void ensureHeadroomMovesDataAndHeaderMarks() {
        Packet p = Packet.make(0, 40, 100);
        p.setI32(20, 0x0A0B0C0D);
        p.setNetworkHeader(20, 20);
        p.ensureHeadroom(64);
        assertEquals(64, p.headroom());
        assertEquals(0x0A0B0C0D, p.i32(20));
        assertEquals(20, p.networkHeaderOffset());
        assertEquals(40, p.transportHeaderOffset());
        p.kill();
    }

    @Test
    void userAnnotationsAreSixteenBigEndianBytesAndAllocationClearsThem() {
        Packet p = Packet.make(10);
        for (int at = 0; at <= Packet.USER_ANNO_SIZE - 4; at++) { // includes values across bytes 7|8
            p.setUserAnnoI32(at, 0x81A2C3F4);
            assertEquals(0x81A2C3F4, p.userAnnoI32(at), "at " + at);
            assertEquals(0x81, p.userAnnoU8(at));
            assertEquals(0xF4, p.userAnnoU8(at + 3));
        }
        p.setUserAnnoU8(15, 0x7E);
        assertEquals(0x7E, p.userAnnoU8(15));
        assertEquals(0x81A2C37E, p.userAnnoI32(12));
        assertThrows(IndexOutOfBoundsException.class, () -> p.userAnnoU8(16));
        assertThrows(IndexOutOfBoundsException.class, () -> p.setUserAnnoI32(13, 1));
        p.kill();
        Packet q = Packet.make(10); // the same pooled packet again, annotations cleared
        for (int i = 0; i < Packet.USER_ANNO_SIZE; i++) {
            assertEquals(0, q.userAnnoU8(i));
        }
        q.kill();
    }

    @Test
    void copyDuplicatesDataAndAnnotations() {
        Packet p = Packet.make(new byte[] {7, 8, 9});
        p.setDstIp(0xC0000201);
        p.setPaint(3);
        p.setNetworkHeader(1, 1);
        p.setUserAnnoI32(4, 1500);
        Packet q = p.copy();
        assertNotSame(p.buffer(), q.buffer());
        assertEquals(0xC0000201, q.dstIp());
        assertEquals(3, q.paint());
        assertEquals(1, q.networkHeaderOffset());
        assertEquals(1500, q.userAnnoI32(4));
        assertEquals(8, q.u8(1));
        p.kill();
        q.kill();
    }

    @Test
    void killingTwiceBreaksTheOwnershipRuleAndIsCaught() {
        Packet p = Packet.make(10);
        p.kill();
        assertTrue(p.isFree());
        assertThrows(IllegalStateException.class, p::kill);
    }

    @Test
    void aFreedPacketIsReusedByTheSameThreadWithFreshAnnotations() {
        PacketPool pool = new PacketPool();
        PacketPool.bindToCurrentThread(pool);
        Packet p = Packet.make(64);
        p.setPaint(5);
        p.kill();
        Packet q = Packet.make(32);
        assertSame(p, q);
        assertEquals(0, q.paint());
        assertEquals(32, q.length());
        assertEquals(1, pool.created());
        q.kill();
        assertEquals(0, pool.outstanding());
    }

    @Test
    void oversizedPacketsAreNotPooled() {
        PacketPool pool = new PacketPool();
        PacketPool.bindToCurrentThread(pool);
        Packet big = Packet.make(9000);
        assertTrue(big.capacity() >= 9000 + Packet.DEFAULT_HEADROOM);
        big.kill();
        assertEquals(0, pool.freeCount());
    }
}
