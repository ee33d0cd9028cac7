package io.moked.audio;

/**
 * Fixed facts about the audio Moked moves around. Twilio Media Streams carry 8 kHz mono G.711 μ-law in 20 ms
 * frames; speech-to-text and the VAD want 16 kHz mono float PCM.
 */
public final class AudioFormat {
    /** Telephone (Twilio Media Streams) sample rate. */
    public static final int TELEPHONE_SAMPLE_RATE_HZ = 8000;
    /** Sample rate of the audio handed to speech-to-text and (by default) to the VAD. */
    public static final int STT_SAMPLE_RATE_HZ = 16000;
    /** Duration of one inbound Twilio media frame. */
    public static final int FRAME_MS = 20;
    /** Samples (= μ-law bytes) in one 20 ms frame at 8 kHz. */
    public static final int SAMPLES_PER_FRAME_8K = samplesFor(FRAME_MS, TELEPHONE_SAMPLE_RATE_HZ);
    /** Samples in one 20 ms frame at 16 kHz. */
    public static final int SAMPLES_PER_FRAME_16K = samplesFor(FRAME_MS, STT_SAMPLE_RATE_HZ);
    /** Bytes of one 20 ms μ-law frame (one byte per sample). */
    public static final int ULAW_BYTES_PER_FRAME = SAMPLES_PER_FRAME_8K;
    /** Bytes of one 20 ms PCM16 frame at 8 kHz. */
    public static final int PCM16_BYTES_PER_FRAME_8K = SAMPLES_PER_FRAME_8K * Pcm16.BYTES_PER_SAMPLE;

    private AudioFormat() {
    }

    /** Number of samples covering {@code ms} milliseconds at {@code sampleRateHz} (rounded down). */
    public static int samplesFor(int ms, int sampleRateHz) {
        return (int) ((long) ms * sampleRateHz / 1000L);
    }

    /** Duration in milliseconds of {@code samples} samples at {@code sampleRateHz} (rounded down). */
    public static long millisFor(long samples, int sampleRateHz) {
        return samples * 1000L / sampleRateHz;
    }
}
