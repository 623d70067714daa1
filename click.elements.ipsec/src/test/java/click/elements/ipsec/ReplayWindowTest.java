package click.elements.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The anti-replay window of RFC 4303 section 3.4.3 at its edges. */
class ReplayWindowTest {
    @Test
    void zeroIsNeverValidAndTheFirstNumberIsAccepted() {
        ReplayWindow w = new ReplayWindow(64);
        assertFalse(w.check(0));
        assertFalse(w.checkAndUpdate(0));
        assertTrue(w.checkAndUpdate(1));
        assertEquals(1, w.highest());
    }

    @Test
    void aDuplicateIsRefusedWhereverItLies() {
        ReplayWindow w = new ReplayWindow(64);
        assertTrue(w.checkAndUpdate(10));
        assertTrue(w.checkAndUpdate(5));
        assertFalse(w.checkAndUpdate(10));
        assertFalse(w.checkAndUpdate(5));
        assertFalse(w.check(5));
    }

    @Test
    void theOldestNumberInsideTheWindowIsAcceptedAndTheNextOlderIsNot() {
        ReplayWindow w = new ReplayWindow(64);
        assertTrue(w.checkAndUpdate(100));
        assertTrue(w.check(37));   // 100 - 63: the window's last slot
        assertFalse(w.check(36));  // 100 - 64: too old
        assertTrue(w.checkAndUpdate(37));
        assertFalse(w.checkAndUpdate(37));
    }

    @Test
    void aJumpAheadForgetsWhatFellOutOfTheWindowAndClearsTheSkippedSlots() {
        ReplayWindow w = new ReplayWindow(64);
        for (long s = 1; s <= 64; s++) {
            assertTrue(w.checkAndUpdate(s));
        }
        assertTrue(w.checkAndUpdate(100)); // 65..99 skipped; their slots held 1..35 and must read unseen
        for (long s = 65; s < 100; s++) {
            assertTrue(w.check(s), "skipped " + s);
        }
        assertFalse(w.check(36), "fell out of the window");
        assertTrue(w.checkAndUpdate(1_000_000)); // far ahead: everything older than 999937 is gone
        assertFalse(w.check(100));
        assertTrue(w.check(999_999));
        assertEquals(1_000_000, w.highest());
    }

    @Test
    void aLargerWindowReachesFurtherBack() {
        ReplayWindow w = new ReplayWindow(1024);
        assertTrue(w.checkAndUpdate(2000));
        assertTrue(w.checkAndUpdate(977));
        assertFalse(w.check(976));
    }

    @Test
    void windowSizeMustBeAMultipleOf64() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(100));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(0));
    }

    @Test
    void checkChangesNothing() {
        ReplayWindow w = new ReplayWindow(64);
        assertTrue(w.check(5));
        assertTrue(w.check(5));
        assertEquals(0, w.highest());
    }
}
