package io.moked.vad;

import io.moked.audio.AudioFormat;
import java.util.ArrayDeque;

/**
 * One call's VAD chunks, cut from its audio at the model's rate, waiting for their probabilities in stream order,
 * with the 8 kHz audio that came after each held back: that audio reaches the ring (via the {@link Sink}) only
 * once the chunk before it has been analysed, exactly when a synchronous {@link VadProcessor} would have written it.
 * Synchronous use never holds anything back (each chunk is analysed as it is cut). Not thread-safe: one per call.
 */
final class ChunkBacklog {
    /** Where 8 kHz audio goes once nothing waits ahead of it (the processor's ring and segment). */
    interface Sink {
        void append8k(float[] pcm, int from, int length);
    }

    private final float[] chunk;
    private int chunkFill;
    /** Chunks (head first) and the pieces of 8 kHz audio after each; empty or headed by a chunk. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int waitingChunks;
    private long chunksCut;
    /** Arrays of chunks and pieces already passed on, reused (at most as many as ever waited at once). */
    private final ArrayDeque<float[]> freeChunks = new ArrayDeque<>();
    private final ArrayDeque<float[]> freePieces = new ArrayDeque<>();

    /** A chunk waiting for its probability, or ({@code chunk} false) 8 kHz audio held back behind one. */
    private record Waiting(float[] samples, int length, boolean chunk) {
    }

    ChunkBacklog(int chunkSamples) {
        this.chunk = new float[chunkSamples];
    }

    /** A piece of at most one frame of 8 kHz audio: to {@code sink} now if no chunk waits, else held back. */
    void audio8k(float[] pcm, int from, int length, Sink sink) {
        if (waitingChunks == 0) {
            sink.append8k(pcm, from, length);
            return;
        }
        if (length > AudioFormat.SAMPLES_PER_FRAME_8K) {
            throw new IllegalArgumentException("pieces of at most one frame, got " + length + " samples");
        }
        float[] held = reuse(freePieces, AudioFormat.SAMPLES_PER_FRAME_8K);
        System.arraycopy(pcm, from, held, 0, length);
        waiting.addLast(new Waiting(held, length, false));
    }

    /** Audio at the model's rate: every chunk it completes joins the end of the queue. */
    void cut(float[] samples, int from, int length) {
        int pos = from;
        int end = from + length;
        while (pos < end) {
            int n = Math.min(chunk.length - chunkFill, end - pos);
            System.arraycopy(samples, pos, chunk, chunkFill, n);
            chunkFill += n;
            pos += n;
            if (chunkFill == chunk.length) {
                chunkFill = 0;
                float[] cut = reuse(freeChunks, chunk.length);
                System.arraycopy(chunk, 0, cut, 0, chunk.length);
                waiting.addLast(new Waiting(cut, cut.length, true));
                waitingChunks++;
                chunksCut++;
            }
        }
    }

    int waitingChunks() {
        return waitingChunks;
    }

    long chunksCut() {
        return chunksCut;
    }

    /** The oldest waiting chunk, valid until {@link #take()}. */
    float[] next() {
        if (waitingChunks == 0) {
            throw new IllegalStateException("no VAD chunk waiting");
        }
        return waiting.peekFirst().samples();
    }

    /** The oldest {@code max} waiting chunks (fewer if fewer wait), oldest first, valid until each is taken. */
    java.util.List<float[]> oldest(int max) {
        java.util.List<float[]> chunks = new java.util.ArrayList<>(Math.min(max, waitingChunks));
        for (Waiting w : waiting) {
            if (chunks.size() == max) {
                break;
            }
            if (w.chunk()) {
                chunks.add(w.samples());
            }
        }
        return chunks;
    }

    /** Removes the oldest chunk (analysed or dropped); the audio behind it waits for {@link #release}. */
    void take() {
        next();
        freeChunks.addLast(waiting.pollFirst().samples());
        waitingChunks--;
    }

    /** Passes on the audio held back up to the next waiting chunk (all of it when none waits). */
    void release(Sink sink) {
        Waiting next;
        while ((next = waiting.peekFirst()) != null && !next.chunk()) {
            waiting.pollFirst();
            sink.append8k(next.samples(), 0, next.length());
            freePieces.addLast(next.samples());
        }
    }

    /** Forgets everything waiting (the call ended). */
    void clear() {
        waiting.clear();
        waitingChunks = 0;
    }

    private static float[] reuse(ArrayDeque<float[]> free, int size) {
        float[] reused = free.pollLast();
        return reused != null ? reused : new float[size];
    }
}
