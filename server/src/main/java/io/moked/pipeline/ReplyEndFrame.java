package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/** The reply's text is complete (the aggregator flushes its last sentence; the playback knows all its audio). */
public record ReplyEndFrame(Reply reply) implements DataFrame {
}
