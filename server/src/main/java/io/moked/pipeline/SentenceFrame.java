package io.moked.pipeline;

/** One sentence of reply text, ready for TTS. */
public record SentenceFrame(long replyId, int seq, String text) implements DataFrame {
}
