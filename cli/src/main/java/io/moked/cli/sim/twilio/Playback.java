package io.moked.cli.sim.twilio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's ear, as Twilio models it: agent audio is queued and played at real time, one 20 ms frame per
 * {@link #tick}; a mark is echoed once all audio queued before it has played; {@code clear} drops everything not
 * yet played and, as Twilio does, echoes the marks that were still pending. Not thread-safe (the call locks).
 */
public final class Playback {
    /** μ-law bytes played per 20 ms tick at 8 kHz. */
    public static final int FRAME_BYTES = 160;

    /** μ-law code of silence (positive zero). */
    public static final byte SILENCE = (byte) 0xFF;

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final List<String> reachedMarks = new ArrayList<>();
    private int headOffset;
    private long queuedBytes;

    public void enqueueAudio(byte[] ulaw) {
        if (ulaw.length > 0) {
            queue.add(ulaw);
            queuedBytes += ulaw.length;
        }
    }

    public void enqueueMark(String name) {
        queue.add(new Mark(name));
    }

    /** True while audio is queued (the caller is hearing the agent). */
    public boolean isPlaying() {
        return queuedBytes > 0;
    }

    public long queuedMillis() {
        return queuedBytes / (FRAME_BYTES / 20);
    }

    /**
     * Advances one frame: marks whose audio finished playing are returned (to echo now), then up to one frame of
     * audio is played into {@code heard} ({@link #FRAME_BYTES} long; silence where nothing was left to play).
     */
    public List<String> tick(byte[] heard) {
        List<String> echoes = leadingMarks();
        int remaining = FRAME_BYTES;
        while (remaining > 0 && !queue.isEmpty()) {
            if (queue.peek() instanceof Mark) {
                // reached mid-frame: its audio ends within this frame, so it is echoed at the next tick
                reachedMarks.add(((Mark) queue.poll()).name());
                continue;
            }
            byte[] chunk = (byte[]) queue.peek();
            int n = Math.min(remaining, chunk.length - headOffset);
            System.arraycopy(chunk, headOffset, heard, FRAME_BYTES - remaining, n);
            headOffset += n;
            remaining -= n;
            queuedBytes -= n;
            if (headOffset == chunk.length) {
                queue.poll();
                headOffset = 0;
            }
        }
        java.util.Arrays.fill(heard, FRAME_BYTES - remaining, FRAME_BYTES, SILENCE);
        return echoes;
    }

    /** Drops all unplayed audio; returns the names of the pending marks, which Twilio echoes on clear. */
    public List<String> clear() {
        List<String> pending = new ArrayList<>(reachedMarks);
        reachedMarks.clear();
        for (Object item : queue) {
            if (item instanceof Mark) {
                pending.add(((Mark) item).name());
            }
        }
        queue.clear();
        headOffset = 0;
        queuedBytes = 0;
        return pending;
    }

    private List<String> leadingMarks() {
        List<String> out = List.of();
        if (!reachedMarks.isEmpty()) {
            out = new ArrayList<>(reachedMarks);
            reachedMarks.clear();
        }
        while (!queue.isEmpty() && queue.peek() instanceof Mark) {
            if (out.isEmpty()) {
                out = new ArrayList<>();
            }
            out.add(((Mark) queue.poll()).name());
        }
        return out;
    }

    private record Mark(String name) {
    }
}
