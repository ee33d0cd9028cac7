package io.moked.pipeline;

/**
 * The caller's turn paused (a short silence, not yet its end): its audio so far, for speculative speech-to-text.
 * If the turn ends at this pause, its {@link SpeechSegmentFrame} has the same start and end and the same audio.
 *
 * @param startOffsetMs stream position of the first sample
 * @param endOffsetMs   stream position where the speech paused
 */
public record SpeechPausedFrame(float[] pcm16k, long startOffsetMs, long endOffsetMs) implements DataFrame {
}
