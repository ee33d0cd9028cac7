package io.moked.pipeline;

/** Synthesized agent audio for sentence {@code seq} of a reply, mono PCM16 (telephone rate after the TTS stage). */
public record TtsAudioFrame(long replyId, int seq, short[] pcm, int sampleRateHz) implements DataFrame {
}
