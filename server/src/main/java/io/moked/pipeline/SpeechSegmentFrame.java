package io.moked.pipeline;

/**
 * One caller turn of speech (with pre-roll), mono PCM16, ready for STT.
 *
 * @param speechEndNanos monotonic time the end of the turn was decided
 */
public record SpeechSegmentFrame(short[] pcm, int sampleRateHz, long startOffsetMs, long endOffsetMs,
                                 long speechEndNanos) implements DataFrame {
}
