package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/** All audio of sentence {@code seq} has been emitted. */
public record TtsStoppedFrame(Reply reply, int seq) implements DataFrame {
}
