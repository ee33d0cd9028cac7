package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/** The agent starts a reply. */
public record ReplyStartFrame(Reply reply) implements DataFrame {
}
