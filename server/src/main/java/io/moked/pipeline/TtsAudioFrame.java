package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/** Synthesized agent audio for sentence {@code seq} of a reply, mono PCM16 (telephone rate after the TTS stage). */
public record TtsAudioFrame(Reply reply, int seq, short[] pcm, int sampleRateHz) implements DataFrame {
}
