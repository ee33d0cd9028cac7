package io.moked.tts;

import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;

/**
 * Text-to-speech for one sentence, streamed as PCM chunks. Blocking: run on the bounded TTS executor. The text is
 * already normalised for speech (numbers, prices, times spelled out).
 */
public interface TtsEngine {
    String name();

    /**
     * @param voice voice id from tenant config, or null for the engine default
     */
    void synthesize(String text, String language, String voice, AudioSink sink, Cancellation cancel)
            throws EngineException;

    default void warmUp() throws EngineException {
    }

    /** Receives mono PCM16 chunks at {@code sampleRateHz}; the caller resamples to 8 kHz for telephone calls. */
    interface AudioSink {
        void onAudio(short[] pcm, int sampleRateHz);
    }
}
