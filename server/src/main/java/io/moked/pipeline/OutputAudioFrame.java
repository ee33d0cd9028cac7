package io.moked.pipeline;

/** Observer-only: a chunk of agent audio (PCM16 8 kHz) just sent to the caller at stream position {@code offsetMs}. */
public record OutputAudioFrame(long replyId, short[] pcm, int sampleRateHz, long offsetMs) implements SystemFrame {
}
