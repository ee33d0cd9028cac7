package io.moked.pipeline;

/**
 * Barge-in: the caller started speaking while the agent had a reply under way. Downstream processors drop their
 * queued data frames and cancel the work of {@code replyId}; the output sends Twilio {@code clear}.
 *
 * @param onsetNanos monotonic time the caller's speech onset was detected (for the onset → clear timer)
 */
public record InterruptionFrame(long replyId, long onsetNanos) implements SystemFrame {
}
