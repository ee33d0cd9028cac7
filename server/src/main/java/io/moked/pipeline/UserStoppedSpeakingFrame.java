package io.moked.pipeline;

/**
 * End of the caller's turn (enough trailing silence).
 *
 * @param endOffsetMs stream position where the speech ended
 * @param endNanos    monotonic time the end of turn was decided
 */
public record UserStoppedSpeakingFrame(long endOffsetMs, long endNanos) implements SystemFrame {
}
