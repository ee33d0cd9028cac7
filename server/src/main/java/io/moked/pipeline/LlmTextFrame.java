package io.moked.pipeline;

/** A piece of reply text as the language model streams it. */
public record LlmTextFrame(long replyId, String text) implements DataFrame {
}
