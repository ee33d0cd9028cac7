package io.moked.vad;

import io.moked.audio.AudioFormat;
import io.moked.audio.MuLaw;
import io.moked.audio.Pcm16;
import io.moked.audio.Resampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-call voice activity detection and endpointing over inbound telephone audio. Feed it the caller's 8 kHz
 * frames in order (normally 20 ms each); it runs the {@link SpeechProbabilitySource} on its own chunk size
 * (Silero: 32 ms), drives a {@link TurnDetector} and returns the resulting {@link VadEvent}s with their audio,
 * upsampled to 16 kHz for speech-to-text. Not thread-safe: one per call, called from one thread at a time.
 *
 * <p>Two ways to drive it: {@link #process} analyses each chunk as the frame completes it (the source runs on the
 * calling thread); or, for a source that analyses asynchronously (batched Silero, {@link #asynchronous()}), phase
 * (a) {@link #append} cuts the chunks and holds them, phase (b) {@link #onProbability} feeds each one's probability
 * when it comes back. Both give exactly the same events and audio.
 *
 * <p>Memory is bounded: a ring of recent 8 kHz audio (pre-roll) plus the current segment, which the maximum
 * segment length caps. Both hold the audio as it came (8 kHz): a segment is upsampled when its events are made
 * (each pause and the end, continuing where the last one stopped), not every frame as it arrives (with a Silero model at 8 kHz nothing else needs 16 kHz audio). A fresh
 * resampler fed from a little before the segment gives exactly the samples of one that ran over the whole call
 * ({@link Resampler#historyInputSamples()}), so events do not depend on when the upsampling happens.
 */
public final class VadProcessor {
    private static final int RATE_16K = AudioFormat.STT_SAMPLE_RATE_HZ;
    private static final int SAMPLES_PER_MS_16K = RATE_16K / 1000;
    /** Ring slack beyond the pre-roll: a VAD chunk, a frame and the resampler delay, generously. */
    private static final int RING_SLACK_MS = 200;

    private final SpeechProbabilitySource source;
    private final VadParams params;
    private final TurnDetector detector;
    /** Upsamples every frame, only when the model runs at 16 kHz (it needs the audio as it comes). */
    private final Resampler modelUpsampler;
    /** Inputs before a segment's first sample that a fresh upsampler needs to reproduce the stream's samples. */
    private final int history8k;
    /** 16 kHz sample index of stream time 0 ms (the resampler's delay when the VAD sees the 8 kHz audio). */
    private final int audioOffset16k;

    /** Reused for μ-law and PCM16 frames (never kept past a call of {@link #process} or {@link #append}). */
    private float[] scratch = new float[AudioFormat.SAMPLES_PER_FRAME_8K];

    private final float[] ring;
    private long total8k; // 8 kHz samples ever written (ring holds the last ring.length)

    /** 8 kHz audio from {@link #segment8kStart} on, while collecting a segment. */
    private float[] segment = new float[AudioFormat.TELEPHONE_SAMPLE_RATE_HZ];
    private int segmentLength;
    private long segment8kStart;
    /** Index on the call's (virtual, continuous) 16 kHz stream where the segment's audio starts; -1: not collecting. */
    private long segmentStart16k = -1;
    /**
     * The segment's audio upsampled so far (from {@link #segment8kStart}), by a resampler that lives as long as the
     * segment: each pause and the end of a turn upsample only the audio that came since the last one, not the whole
     * segment again (a turn with several pauses was upsampled once per pause).
     */
    private Resampler segmentUpsampler;
    private float[] segment16k = new float[0];
    private int segment16kLength;
    private int segment8kUpsampled;

    private final List<VadEvent> out = new ArrayList<>();

    /** The chunks waiting for their probabilities, and the audio held back behind them. */
    private final ChunkBacklog backlog;
    /** The ring and segment, as the backlog's sink (one object, not one per piece). */
    private final ChunkBacklog.Sink ringSink = this::append8k;

    public VadProcessor(SpeechProbabilitySource source, VadParams params) {
        if (source.sampleRateHz() != AudioFormat.TELEPHONE_SAMPLE_RATE_HZ && source.sampleRateHz() != RATE_16K) {
            throw new IllegalArgumentException("VAD source must run at 8000 or 16000 Hz, not " + source.sampleRateHz());
        }
        this.source = source;
        this.params = params;
        this.detector = new TurnDetector(params, new Collector());
        this.backlog = new ChunkBacklog(source.chunkSamples());
        Resampler probe = newUpsampler();
        this.modelUpsampler = source.sampleRateHz() == RATE_16K ? probe : null;
        this.history8k = probe.historyInputSamples() + 2;
        this.audioOffset16k = source.sampleRateHz() == AudioFormat.TELEPHONE_SAMPLE_RATE_HZ
                ? (int) Math.round(probe.delayOutputSamples()) : 0;
        this.ring = new float[(params.preRollMs() + RING_SLACK_MS) * AudioFormat.TELEPHONE_SAMPLE_RATE_HZ / 1000
                + audioOffset16k / 2 + history8k];
    }

    private static Resampler newUpsampler() {
        return new Resampler(AudioFormat.TELEPHONE_SAMPLE_RATE_HZ, RATE_16K);
    }

    public VadParams params() {
        return params;
    }

    /**
     * Also report {@link VadEvent.SpeechPaused} after this much silence in a confirmed turn (0 = off).
     *
     * @return this
     */
    public VadProcessor preemptAfterSilenceMs(int ms) {
        detector.pauseAfterMs(ms);
        return this;
    }

    public TurnDetector.State state() {
        return detector.state();
    }

    /** Stream time covered by the probabilities so far. */
    public long streamMs() {
        return detector.nowMs();
    }

    /** One inbound frame of G.711 μ-law as Twilio sends it. */
    public List<VadEvent> processUlaw(byte[] ulaw) {
        float[] pcm = scratch(ulaw.length);
        MuLaw.decodeToFloat(ulaw, 0, pcm, 0, ulaw.length);
        return process(pcm, ulaw.length);
    }

    /** One inbound frame of 8 kHz PCM16. */
    public List<VadEvent> process(short[] pcm8k) {
        return process(toFloat(pcm8k), pcm8k.length);
    }

    /** One inbound frame of 8 kHz float PCM in [-1, 1]. */
    public List<VadEvent> process(float[] pcm8k) {
        return process(pcm8k, pcm8k.length);
    }

    private float[] toFloat(short[] pcm8k) {
        float[] pcm = scratch(pcm8k.length);
        for (int i = 0; i < pcm8k.length; i++) {
            pcm[i] = Pcm16.toFloat(pcm8k[i]);
        }
        return pcm;
    }

    private float[] scratch(int samples) {
        if (scratch.length < samples) {
            scratch = new float[samples];
        }
        return scratch;
    }

    /** Synchronous: appends the frame and runs the source on each chunk it completes, as it completes it. */
    private List<VadEvent> process(float[] pcm8k, int length) {
        out.clear();
        // Work in pieces of at most one 20 ms frame so a large buffer cannot overrun the pre-roll ring before
        // its chunks are analysed (the result does not depend on how the audio was framed).
        for (int pos = 0; pos < length; pos += AudioFormat.SAMPLES_PER_FRAME_8K) {
            appendPiece(pcm8k, pos, Math.min(length - pos, AudioFormat.SAMPLES_PER_FRAME_8K));
            while (backlog.waitingChunks() > 0) {
                float probability;
                try {
                    probability = source.speechProbability(nextChunk());
                } catch (RuntimeException e) {
                    dropChunk(); // a chunk that failed is skipped, not retried behind every later frame
                    throw e;
                }
                apply(probability);
            }
        }
        return events();
    }

    // --- asynchronous use: phase (a) audio in, phase (b) probability in ------------------------------------------

    /**
     * Phase (a): appends one inbound frame of 8 kHz PCM16 and cuts the chunks it completes; they wait, in order,
     * for their probabilities ({@link #nextChunk()}, {@link #onProbability}). Audio appended while chunks wait is
     * held back and written to the ring/segment only after the probability of the chunk before it, exactly where the
     * synchronous {@link #process} writes it: the pre-roll copied when a segment begins and the segment's audio are
     * the same however many chunks wait, and a backlog can never overrun the ring.
     */
    public void append(short[] pcm8k) {
        float[] pcm = toFloat(pcm8k);
        for (int pos = 0; pos < pcm8k.length; pos += AudioFormat.SAMPLES_PER_FRAME_8K) {
            appendPiece(pcm, pos, Math.min(pcm8k.length - pos, AudioFormat.SAMPLES_PER_FRAME_8K));
        }
    }

    /** Chunks cut and waiting for their probability. */
    public int waitingChunks() {
        return backlog.waitingChunks();
    }

    /** Chunks cut so far in this call (analysed or waiting). */
    public long chunksCut() {
        return backlog.chunksCut();
    }

    /** Chunks whose probability was fed (or that were dropped) so far. */
    public long chunksAnalysed() {
        return backlog.chunksCut() - backlog.waitingChunks();
    }

    /** The oldest chunk waiting for its probability (valid until {@link #onProbability} or {@link #dropChunk}). */
    public float[] nextChunk() {
        return backlog.next();
    }

    /** Whether the source analyses without blocking ({@link #submitNext}); otherwise use {@link #process}. */
    public boolean asynchronous() {
        return source.asynchronous();
    }

    /**
     * Hands the oldest waiting chunks (at most {@code max}) to the asynchronous source; feed each probability, in
     * order, to {@link #onProbability}.
     */
    public void submitNext(int max, ProbabilityCallback onDone) {
        nextChunk();
        source.submit(backlog.oldest(max), onDone);
    }

    /** Phase (b): the probability of the oldest waiting chunk; returns the events it causes. */
    public List<VadEvent> onProbability(float probability) {
        out.clear();
        apply(probability);
        return events();
    }

    /** Phase (b) on this thread: runs the source synchronously on the oldest waiting chunk. */
    public List<VadEvent> analyseNext() {
        return onProbability(source.speechProbability(nextChunk()));
    }

    /** The oldest waiting chunk could not be analysed: skips it (as a failed synchronous chunk is skipped). */
    public void dropChunk() {
        backlog.take();
        backlog.release(ringSink);
    }

    private List<VadEvent> events() {
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }

    /** The call's audio ended: hands on a turn in progress (or discards an unconfirmed burst). */
    public List<VadEvent> finish() {
        out.clear();
        backlog.clear(); // chunks still waiting when the call ends are not analysed
        detector.finish();
        return events();
    }

    /** Frees the model's native input tensors of this call; call once, after {@link #finish()}. */
    public void close() {
        source.close();
    }

    /** Writes the 8 kHz piece (now, or held back behind a waiting chunk) and cuts the model-rate chunks it completes. */
    private void appendPiece(float[] pcm8k, int pos, int n) {
        backlog.audio8k(pcm8k, pos, n, ringSink);
        if (modelUpsampler != null) {
            float[] piece = Arrays.copyOfRange(pcm8k, pos, pos + n);
            float[] pcm16k = modelUpsampler.process(piece);
            backlog.cut(pcm16k, 0, pcm16k.length);
        } else {
            backlog.cut(pcm8k, pos, n);
        }
    }

    /** The probability of the oldest waiting chunk: the detector's step, then the audio held back behind it. */
    private void apply(float probability) {
        backlog.take();
        detector.onChunk(probability, source.chunkMs());
        if (detector.state() != TurnDetector.State.SILENCE && segmentStart16k < 0) {
            // a candidate started: grab its pre-roll now, while the ring still holds it
            beginSegment(detector.speechStartMs());
        }
        backlog.release(ringSink);
    }

    private void append8k(float[] pcm, int from, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) ((total8k + i) % ring.length)] = pcm[from + i];
        }
        total8k += length;
        if (segmentStart16k >= 0) {
            ensureSegmentCapacity(segmentLength + length);
            System.arraycopy(pcm, from, segment, segmentLength, length);
            segmentLength += length;
        }
    }

    private long index16k(long ms) {
        return ms * SAMPLES_PER_MS_16K + audioOffset16k;
    }

    /** Starts collecting segment audio from pre-roll before {@code speechStartMs}, copied out of the ring. */
    private void beginSegment(long speechStartMs) {
        long oldest8k = Math.max(0, total8k - ring.length);
        // with the whole call in the ring, the stream's own start is the upsampler's start: no history needed
        long oldest16k = oldest8k == 0 ? 0 : 2 * (oldest8k + history8k);
        segmentStart16k = Math.min(Math.max(oldest16k, index16k(Math.max(0, speechStartMs - params.preRollMs()))),
                2 * total8k);
        segment8kStart = Math.max(oldest8k, segmentStart16k / 2 - history8k);
        segmentLength = (int) (total8k - segment8kStart);
        ensureSegmentCapacity(segmentLength);
        for (int i = 0; i < segmentLength; i++) {
            segment[i] = ring[(int) ((segment8kStart + i) % ring.length)];
        }
        segmentUpsampler = newUpsampler();
        segment16kLength = 0;
        segment8kUpsampled = 0;
    }

    /** The segment's 16 kHz audio from its start up to stream index {@code end16k}; upsamples what is new. */
    private float[] segmentUpTo(long end16k) {
        int fresh = segmentLength - segment8kUpsampled;
        if (fresh > 0) {
            int needed = segment16kLength + segmentUpsampler.outputSamplesFor(fresh);
            if (needed > segment16k.length) {
                segment16k = Arrays.copyOf(segment16k, Math.max(needed, segment16k.length * 2));
            }
            segment16kLength += segmentUpsampler.process(segment, segment8kUpsampled, fresh, segment16k,
                    segment16kLength);
            segment8kUpsampled = segmentLength;
        }
        long base16k = 2 * segment8kStart; // stream index of segment16k[0]
        int from = (int) (segmentStart16k - base16k);
        int to = (int) Math.max(from, Math.min(base16k + segment16kLength, end16k) - base16k);
        return Arrays.copyOfRange(segment16k, from, to);
    }

    private long segmentStartMs() {
        return Math.max(0, (segmentStart16k - audioOffset16k) / SAMPLES_PER_MS_16K);
    }

    private void endSegment() {
        segmentStart16k = -1;
        segmentLength = 0;
        segmentUpsampler = null;
        segment16kLength = 0;
        segment8kUpsampled = 0;
        if (segment.length > 4 * AudioFormat.TELEPHONE_SAMPLE_RATE_HZ) {
            segment = new float[AudioFormat.TELEPHONE_SAMPLE_RATE_HZ]; // do not keep a long turn's buffer
        }
        if (segment16k.length > 4 * RATE_16K) {
            segment16k = new float[0];
        }
    }

    private void ensureSegmentCapacity(int samples) {
        if (samples > segment.length) {
            segment = Arrays.copyOf(segment, Math.max(samples, segment.length * 2));
        }
    }

    /** Turns detector decisions into events with audio. */
    private final class Collector implements TurnDetector.Listener {
        @Override
        public void onOnset(long speechStartMs, long atMs) {
            ensureCollecting(speechStartMs);
            out.add(new VadEvent.SpeechOnset(speechStartMs, atMs));
        }

        @Override
        public void onStarted(long speechStartMs, long atMs) {
            ensureCollecting(speechStartMs);
            // Cut at a point every frame size has reached, so the event does not depend on how audio was framed
            // (ends up to the resampler delay, 2.5 ms, before atMs).
            out.add(new VadEvent.SpeechStarted(speechStartMs, atMs, segmentStartMs(),
                    segmentUpTo(atMs * SAMPLES_PER_MS_16K)));
        }

        @Override
        public void onStopped(long speechStartMs, long speechEndMs, long atMs, TurnDetector.StopReason reason) {
            ensureCollecting(speechStartMs);
            float[] audio = segmentUpTo(index16k(speechEndMs + params.trailingPadMs()));
            out.add(new VadEvent.SpeechStopped(speechStartMs, speechEndMs, atMs, segmentStartMs(), audio, reason));
            endSegment();
        }

        @Override
        public void onPaused(long speechStartMs, long speechEndMs, long atMs) {
            ensureCollecting(speechStartMs);
            out.add(new VadEvent.SpeechPaused(speechStartMs, speechEndMs, atMs, segmentStartMs(),
                    segmentUpTo(index16k(speechEndMs + params.trailingPadMs()))));
        }

        @Override
        public void onResumed(long speechStartMs, long atMs) {
            out.add(new VadEvent.SpeechResumed(speechStartMs, atMs));
        }

        @Override
        public void onDiscarded(long speechStartMs, long atMs) {
            out.add(new VadEvent.SpeechDiscarded(speechStartMs, atMs));
            endSegment();
        }

        private void ensureCollecting(long speechStartMs) {
            if (segmentStart16k < 0) {
                beginSegment(speechStartMs);
            }
        }
    }
}
