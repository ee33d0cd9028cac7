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
 * <p>Memory is bounded: a ring of recent 16 kHz audio (pre-roll) plus the current segment, which the maximum
 * segment length caps.
 */
public final class VadProcessor {
    private static final int RATE_16K = AudioFormat.STT_SAMPLE_RATE_HZ;
    private static final int SAMPLES_PER_MS_16K = RATE_16K / 1000;
    /** Ring slack beyond the pre-roll: a VAD chunk, a frame and the resampler delay, generously. */
    private static final int RING_SLACK_MS = 200;

    private final SpeechProbabilitySource source;
    private final VadParams params;
    private final TurnDetector detector;
    private final Resampler upsampler = new Resampler(AudioFormat.TELEPHONE_SAMPLE_RATE_HZ, RATE_16K);
    /** 16 kHz sample index of stream time 0 ms (the resampler's delay when the VAD sees the 8 kHz audio). */
    private final int audioOffset16k;

    private final float[] chunk;
    private int chunkFill;

    private final float[] ring;
    private long total16k; // 16 kHz samples ever written (ring holds the last ring.length)

    private float[] segment = new float[RATE_16K];
    private int segmentLength;
    private long segmentStart16k = -1; // -1: not collecting

    private final List<VadEvent> out = new ArrayList<>();

    public VadProcessor(SpeechProbabilitySource source, VadParams params) {
        if (source.sampleRateHz() != AudioFormat.TELEPHONE_SAMPLE_RATE_HZ && source.sampleRateHz() != RATE_16K) {
            throw new IllegalArgumentException("VAD source must run at 8000 or 16000 Hz, not " + source.sampleRateHz());
        }
        this.source = source;
        this.params = params;
        this.detector = new TurnDetector(params, new Collector());
        this.chunk = new float[source.chunkSamples()];
        this.audioOffset16k = source.sampleRateHz() == AudioFormat.TELEPHONE_SAMPLE_RATE_HZ
                ? (int) Math.round(upsampler.delayOutputSamples()) : 0;
        this.ring = new float[(params.preRollMs() + RING_SLACK_MS) * SAMPLES_PER_MS_16K + audioOffset16k];
    }

    public VadParams params() {
        return params;
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
        float[] pcm = new float[ulaw.length];
        MuLaw.decodeToFloat(ulaw, 0, pcm, 0, ulaw.length);
        return process(pcm);
    }

    /** One inbound frame of 8 kHz PCM16. */
    public List<VadEvent> process(short[] pcm8k) {
        return process(Pcm16.toFloat(pcm8k));
    }

    /** One inbound frame of 8 kHz float PCM in [-1, 1]. */
    public List<VadEvent> process(float[] pcm8k) {
        out.clear();
        // Work in pieces of at most one 20 ms frame so a large buffer cannot overrun the pre-roll ring before
        // its chunks are analysed (the result does not depend on how the audio was framed).
        for (int pos = 0; pos < pcm8k.length; pos += AudioFormat.SAMPLES_PER_FRAME_8K) {
            float[] piece = pos == 0 && pcm8k.length <= AudioFormat.SAMPLES_PER_FRAME_8K ? pcm8k
                    : Arrays.copyOfRange(pcm8k, pos, Math.min(pcm8k.length, pos + AudioFormat.SAMPLES_PER_FRAME_8K));
            float[] pcm16k = upsampler.process(piece);
            append16k(pcm16k);
            feedChunks(source.sampleRateHz() == RATE_16K ? pcm16k : piece);
        }
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }

    /** The call's audio ended: hands on a turn in progress (or discards an unconfirmed burst). */
    public List<VadEvent> finish() {
        out.clear();
        detector.finish();
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }

    /** Frees the model's native input tensors of this call; call once, after {@link #finish()}. */
    public void close() {
        source.close();
    }

    private void feedChunks(float[] samples) {
        int pos = 0;
        while (pos < samples.length) {
            int n = Math.min(chunk.length - chunkFill, samples.length - pos);
            System.arraycopy(samples, pos, chunk, chunkFill, n);
            chunkFill += n;
            pos += n;
            if (chunkFill == chunk.length) {
                chunkFill = 0;
                detector.onChunk(source.speechProbability(chunk), source.chunkMs());
                if (detector.state() != TurnDetector.State.SILENCE && segmentStart16k < 0) {
                    // a candidate started: grab its pre-roll now, while the ring still holds it
                    beginSegment(detector.speechStartMs());
                }
            }
        }
    }

    private void append16k(float[] pcm) {
        for (float s : pcm) {
            ring[(int) (total16k % ring.length)] = s;
            total16k++;
        }
        if (segmentStart16k >= 0) {
            ensureSegmentCapacity(segmentLength + pcm.length);
            System.arraycopy(pcm, 0, segment, segmentLength, pcm.length);
            segmentLength += pcm.length;
        }
    }

    private long index16k(long ms) {
        return ms * SAMPLES_PER_MS_16K + audioOffset16k;
    }

    /** Starts collecting segment audio from pre-roll before {@code speechStartMs}, copied out of the ring. */
    private void beginSegment(long speechStartMs) {
        long oldestInRing = Math.max(0, total16k - ring.length);
        long from = Math.max(oldestInRing, index16k(Math.max(0, speechStartMs - params.preRollMs())));
        segmentStart16k = Math.min(from, total16k);
        segmentLength = (int) (total16k - segmentStart16k);
        ensureSegmentCapacity(segmentLength);
        for (int i = 0; i < segmentLength; i++) {
            segment[i] = ring[(int) ((segmentStart16k + i) % ring.length)];
        }
    }

    private float[] segmentUpTo(long end16k) {
        int length = (int) Math.max(0, Math.min(segmentLength, end16k - segmentStart16k));
        return Arrays.copyOf(segment, length);
    }

    private long segmentStartMs() {
        return Math.max(0, (segmentStart16k - audioOffset16k) / SAMPLES_PER_MS_16K);
    }

    private void endSegment() {
        segmentStart16k = -1;
        segmentLength = 0;
        if (segment.length > 4 * RATE_16K) {
            segment = new float[RATE_16K]; // do not keep a long turn's buffer for the rest of the call
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
