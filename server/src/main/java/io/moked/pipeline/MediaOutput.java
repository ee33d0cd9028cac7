package io.moked.pipeline;

/**
 * Where agent audio goes: the telephony edge (Twilio media stream) implements it. Every method must return at once
 * (non-blocking sends); the pacing calls it from its thread.
 */
public interface MediaOutput {
    /** Sends one chunk of agent audio, mono PCM16 at 8 kHz. */
    void sendAudio(short[] pcm8k);

    /** Sends a mark after the audio sent so far; the far end echoes it once that audio has been played. */
    void sendMark(String name);

    /** Drops all audio the far end has buffered and not played yet (barge-in). */
    void clear();
}
