package io.moked.pipeline;

/** All audio of sentence {@code seq} has been emitted. */
public record TtsStoppedFrame(long replyId, int seq) implements DataFrame {
}
