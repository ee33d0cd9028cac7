package io.moked.llm.llama;

import java.util.HashMap;
import java.util.Map;

/**
 * Pins each conversation (session key, e.g. the call SID) to one llama.cpp server slot, so the slot's KV cache still
 * holds the conversation's previous prompt at the next turn and only the new tokens are evaluated
 * ({@code cache_prompt}). A slot is handed to a new session only when it is idle, preferring one that no session
 * owns, then the least recently used; when every slot is busy the request goes without a pin and llama.cpp picks
 * (it would wait for a pinned busy slot even if another were free).
 */
final class SessionSlots {
    static final int ANY_SLOT = -1;

    private final int[] busy;
    private final String[] owner;
    private final long[] lastUsed;
    private final Map<String, Integer> bySession = new HashMap<>();
    private long tick;

    SessionSlots(int slots) {
        busy = new int[slots];
        owner = new String[slots];
        lastUsed = new long[slots];
    }

    /** @return the slot to pin, or {@link #ANY_SLOT}; pair every call with {@link #release(int)} */
    synchronized int acquire(String sessionKey) {
        if (sessionKey == null || busy.length == 0) {
            return ANY_SLOT;
        }
        Integer own = bySession.get(sessionKey);
        if (own != null && busy[own] == 0) {
            return take(own);
        }
        if (own != null) {
            return ANY_SLOT; // the same session already generating (should not happen in one call): do not queue
        }
        int pick = -1;
        for (int i = 0; i < busy.length; i++) {
            if (busy[i] != 0) {
                continue;
            }
            if (owner[i] == null) {
                pick = i;
                break;
            }
            if (pick < 0 || lastUsed[i] < lastUsed[pick]) {
                pick = i;
            }
        }
        if (pick < 0) {
            return ANY_SLOT;
        }
        if (owner[pick] != null) {
            bySession.remove(owner[pick]);
        }
        owner[pick] = sessionKey;
        bySession.put(sessionKey, pick);
        return take(pick);
    }

    synchronized void release(int slot) {
        if (slot >= 0) {
            busy[slot]--;
            lastUsed[slot] = ++tick;
        }
    }

    /** Forgets a finished conversation so its slot is reused first. */
    synchronized void forget(String sessionKey) {
        Integer slot = bySession.remove(sessionKey);
        if (slot != null) {
            owner[slot] = null;
        }
    }

    synchronized int slotOf(String sessionKey) {
        Integer slot = bySession.get(sessionKey);
        return slot == null ? ANY_SLOT : slot;
    }

    private int take(int slot) {
        busy[slot]++;
        lastUsed[slot] = ++tick;
        return slot;
    }
}
