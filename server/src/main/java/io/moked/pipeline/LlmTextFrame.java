package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/** A piece of reply text as the language model streams it. */
public record LlmTextFrame(Reply reply, String text) implements DataFrame {
}
