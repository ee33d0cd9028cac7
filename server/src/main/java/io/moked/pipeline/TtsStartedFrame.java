package io.moked.pipeline;

/** TTS audio of one sentence follows. */
public record TtsStartedFrame(long replyId, int seq, String text) implements DataFrame {
}
