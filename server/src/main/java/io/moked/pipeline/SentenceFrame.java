package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/** Sentence {@code seq} of a reply, ready for TTS. */
public record SentenceFrame(Reply reply, int seq, String text) implements DataFrame {
}
