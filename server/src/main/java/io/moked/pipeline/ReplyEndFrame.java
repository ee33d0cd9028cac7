package io.moked.pipeline;

/** The reply's text is complete (the aggregator flushes its last sentence). */
public record ReplyEndFrame(long replyId) implements DataFrame {
}
