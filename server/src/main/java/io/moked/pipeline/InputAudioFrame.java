package io.moked.pipeline;

/**
 * Caller audio, mono PCM16.
 *
 * @param offsetMs     position of the first sample in the caller's stream (ms since the stream started)
 * @param receivedNanos monotonic time the media message arrived
 */
public record InputAudioFrame(short[] pcm, int sampleRateHz, long offsetMs, long receivedNanos)
        implements SystemFrame {
    public long durationMs() {
        return pcm.length * 1000L / sampleRateHz;
    }
}
