package io.moked.pipeline;

/**
 * The caller started speaking (VAD onset).
 *
 * @param startOffsetMs stream position where the speech (including pre-roll) starts
 * @param onsetNanos    monotonic time the onset was detected
 */
public record UserStartedSpeakingFrame(long startOffsetMs, long onsetNanos) implements SystemFrame {
}
