package io.moked.llm.llama;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SessionSlotsTest {
    @Test
    void aSessionKeepsItsSlotAcrossTurns() {
        SessionSlots slots = new SessionSlots(2);
        int a = slots.acquire("A");
        slots.release(a);
        int b = slots.acquire("B");
        slots.release(b);
        assertNotEquals(a, b);
        assertEquals(a, slots.acquire("A"));
    }

    @Test
    void aBusySlotIsNeverHandedToAnotherSession() {
        SessionSlots slots = new SessionSlots(1);
        int a = slots.acquire("A");
        assertEquals(SessionSlots.ANY_SLOT, slots.acquire("B"), "B must not queue behind A's pinned slot");
        slots.release(a);
        assertEquals(a, slots.acquire("B"), "idle: the least recently used slot moves to B");
        assertEquals(SessionSlots.ANY_SLOT, slots.slotOf("A"));
    }

    @Test
    void leastRecentlyUsedSlotIsReassignedAndForgottenSlotsFirst() {
        SessionSlots slots = new SessionSlots(2);
        int a = slots.acquire("A");
        slots.release(a);
        int b = slots.acquire("B");
        slots.release(b);
        slots.release(slots.acquire("A")); // A used last
        int c = slots.acquire("C");
        assertEquals(b, c, "B's slot was least recently used");
        slots.release(c);
        slots.forget("A");
        assertEquals(a, slots.acquire("D"), "a forgotten slot is taken before evicting a live session");
    }

    @Test
    void noSessionKeyMeansNoPin() {
        assertEquals(SessionSlots.ANY_SLOT, new SessionSlots(2).acquire(null));
    }
}
