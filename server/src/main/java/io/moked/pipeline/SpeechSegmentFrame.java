package io.moked.pipeline;

/**
 * One caller turn of speech (pre-roll, speech, trailing pad), mono float PCM at 16 kHz in [-1, 1], ready for STT.
 *
 * @param startOffsetMs  stream position of the first sample
 * @param endOffsetMs    stream position where the speech ended
 * @param speechEndNanos monotonic time the end of the turn was decided
 */
public record SpeechSegmentFrame(float[] pcm16k, long startOffsetMs, long endOffsetMs, long speechEndNanos)
        implements DataFrame {
}
