package io.moked.pipeline;

/**
 * The agent starts a reply.
 *
 * @param triggerNanos monotonic time of what the reply answers: end of caller speech, or stream start for the
 *                     greeting; the output measures turn latency from it
 */
public record ReplyStartFrame(long replyId, boolean greeting, long triggerNanos) implements DataFrame {
}
