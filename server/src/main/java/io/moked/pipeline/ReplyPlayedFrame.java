package io.moked.pipeline;

/**
 * Upstream report: a reply finished playing or was interrupted. {@code spokenText} is what the caller actually
 * heard (tracked with mark echoes), so the conversation history and the stored turn hold only that.
 *
 * @param latencyNanos end of caller speech → first audio sent, or -1 when no audio was sent
 */
public record ReplyPlayedFrame(long replyId, boolean greeting, String spokenText, boolean interrupted,
                               long startOffsetMs, long endOffsetMs, long latencyNanos) implements SystemFrame {
}
