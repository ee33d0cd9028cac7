package io.moked.audio;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Decides when agent audio leaves for the caller, so it goes out at real-time pace: not all at once (an
 * interruption could then not take back what the caller has not heard yet) and not late (the caller would hear
 * gaps). Pure logic over a {@link MonotonicClock}; the call pipeline drives it from a scheduler: after
 * {@link #enqueue} or a sent chunk, ask {@link #nanosUntilDue()}, wake up then and send everything {@link #poll()}
 * returns.
 *
 * <p>Audio is PCM16 mono at {@link AudioFormat#TELEPHONE_SAMPLE_RATE_HZ}, cut into chunks of {@code chunkMs}.
 * Every enqueued sample gets a position on the agent audio timeline (samples since the pacer was created); chunks
 * carry their [start, end) positions so echoed Twilio marks tell exactly how much of each reply was heard.
 *
 * <p>Timing model: the caller's side plays audio from when it arrives, back to back. The pacer keeps a playhead
 * (when everything sent so far has finished playing) and releases the next chunk when the playhead is within
 * {@code leadMs} of now, so at most {@code leadMs + chunkMs} of audio is ever buffered remotely. When the queue
 * runs dry the playhead simply passes and the next audio starts at once. Thread-safe (TTS threads enqueue, the
 * scheduler polls, barge-in clears).
 */
public final class OutboundPacer {
    public static final int MIN_CHUNK_MS = 20;
    public static final int MAX_CHUNK_MS = 60;
    public static final int DEFAULT_CHUNK_MS = 20;
    /** Default lead: enough to ride out network jitter, small enough that a barge-in clears little audio. */
    public static final int DEFAULT_LEAD_MS = 60;
    /** Returned by {@link #nanosUntilDue()} when nothing can be sent until more audio or a flush arrives. */
    public static final long NOTHING_DUE = Long.MAX_VALUE;

    private static final long NANOS_PER_SAMPLE_NUMERATOR = TimeUnit.SECONDS.toNanos(1);

    private final MonotonicClock clock;
    private final int chunkSamples;
    private final long leadNanos;
    private final ArrayDeque<short[]> queue = new ArrayDeque<>();

    private int headOffset; // samples of queue.peekFirst() already taken into chunks
    private int queuedSamples;
    private boolean flushRequested;
    private long timelineEnd; // next timeline position to assign on enqueue
    private long sentEnd; // timeline position just after the last sent sample
    private long playheadNanos;
    private boolean playing;
    private long sendableSinceNanos; // when the queue last went from "nothing to send" to "a chunk is ready"
    private long nextSequence;

    /** A chunk released for sending. {@code pcm} is owned by the receiver. */
    public record Chunk(long sequence, short[] pcm, long startSample, long endSample, long dueNanos) {
        public long durationMs() {
            return AudioFormat.millisFor(endSample - startSample, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
        }
    }

    /** Where enqueued audio sits on the agent timeline: samples [startSample, endSample). */
    public record Span(long startSample, long endSample) {
    }

    public OutboundPacer(MonotonicClock clock) {
        this(clock, DEFAULT_CHUNK_MS, DEFAULT_LEAD_MS);
    }

    public OutboundPacer(MonotonicClock clock, int chunkMs, int leadMs) {
        if (chunkMs < MIN_CHUNK_MS || chunkMs > MAX_CHUNK_MS) {
            throw new IllegalArgumentException(
                    "chunk must be " + MIN_CHUNK_MS + ".." + MAX_CHUNK_MS + " ms, got " + chunkMs);
        }
        if (leadMs < 0) {
            throw new IllegalArgumentException("lead must be >= 0 ms, got " + leadMs);
        }
        this.clock = clock;
        this.chunkSamples = AudioFormat.samplesFor(chunkMs, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
        this.leadNanos = TimeUnit.MILLISECONDS.toNanos(leadMs);
    }

    /** Queues agent audio (8 kHz PCM16; the array must not be modified afterwards). */
    public synchronized Span enqueue(short[] pcm8k) {
        long start = timelineEnd;
        if (pcm8k.length > 0) {
            boolean wasSendable = sendable();
            queue.addLast(pcm8k);
            queuedSamples += pcm8k.length;
            timelineEnd += pcm8k.length;
            noteSendable(wasSendable);
        }
        return new Span(start, timelineEnd);
    }

    /**
     * Lets a final partial chunk go out (end of a sentence or reply); without it the pacer waits for a full
     * chunk. Applies to the audio queued so far.
     */
    public synchronized void flush() {
        boolean wasSendable = sendable();
        flushRequested = queuedSamples > 0;
        noteSendable(wasSendable);
    }

    /** The next chunk if it is due now, else null. Call repeatedly until null. */
    public synchronized Chunk poll() {
        long now = clock.nanoTime();
        if (!sendable() || dueAt() > now) {
            return null;
        }
        long due = dueAt();
        int size = Math.min(chunkSamples, queuedSamples);
        short[] pcm = take(size);
        long start = Math.max(now, playing ? playheadNanos : now);
        playheadNanos = start + samplesToNanos(size);
        playing = true;
        Chunk chunk = new Chunk(nextSequence++, pcm, sentEnd, sentEnd + size, due);
        sentEnd += size;
        if (queuedSamples == 0) {
            flushRequested = false;
        }
        return chunk;
    }

    /** Nanoseconds until {@link #poll()} returns a chunk: 0 if one is due now, {@link #NOTHING_DUE} if none. */
    public synchronized long nanosUntilDue() {
        if (!sendable()) {
            return NOTHING_DUE;
        }
        return Math.max(0, dueAt() - clock.nanoTime());
    }

    /**
     * Barge-in: drops all queued audio and forgets the remote playback (Twilio discards its buffer on
     * {@code clear}).
     *
     * @return the number of samples dropped
     */
    public synchronized long clear() {
        long dropped = queuedSamples;
        queue.clear();
        headOffset = 0;
        queuedSamples = 0;
        flushRequested = false;
        playing = false;
        sentEnd = timelineEnd; // dropped audio keeps its timeline positions but is never sent
        return dropped;
    }

    /** True while audio is queued or sent audio is still playing: the agent is talking. */
    public synchronized boolean isTalking() {
        return queuedSamples > 0 || (playing && playheadNanos > clock.nanoTime());
    }

    /** Timeline position just after the last sample released for sending. */
    public synchronized long sentEndSample() {
        return sentEnd;
    }

    public synchronized int queuedSamples() {
        return queuedSamples;
    }

    private boolean sendable() {
        return queuedSamples >= chunkSamples || (flushRequested && queuedSamples > 0);
    }

    /**
     * When the next chunk should leave: {@code leadMs} before the remote playhead runs out, but never before the
     * chunk existed (after the queue ran dry, new audio leaves as soon as it is ready). May lie in the past when
     * the scheduler woke late; the chunk then goes at once and its {@code dueNanos} shows the lateness.
     */
    private long dueAt() {
        return playing ? Math.max(playheadNanos - leadNanos, sendableSinceNanos) : sendableSinceNanos;
    }

    private void noteSendable(boolean wasSendable) {
        if (!wasSendable && sendable()) {
            sendableSinceNanos = clock.nanoTime();
        }
    }

    private short[] take(int size) {
        short[] out = new short[size];
        int filled = 0;
        while (filled < size) {
            short[] head = queue.peekFirst();
            int n = Math.min(size - filled, head.length - headOffset);
            System.arraycopy(head, headOffset, out, filled, n);
            filled += n;
            headOffset += n;
            if (headOffset == head.length) {
                queue.removeFirst();
                headOffset = 0;
            }
        }
        queuedSamples -= size;
        return out;
    }

    private static long samplesToNanos(long samples) {
        return samples * NANOS_PER_SAMPLE_NUMERATOR / AudioFormat.TELEPHONE_SAMPLE_RATE_HZ;
    }
}
