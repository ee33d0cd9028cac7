package io.moked.stt;

import io.moked.engine.EngineException;

/**
 * Speech-to-text for one caller speech segment. Implementations are blocking and thread-safe; callers (the router)
 * run them on the bounded STT executor, never on a Netty event loop.
 */
public interface SttEngine {
    /** Stable engine name used in config, logs, metrics and /ready (e.g. "whisper-local", "openai"). */
    String name();

    /**
     * @param pcm16k   mono PCM at 16 kHz, samples in [-1, 1]
     * @param language BCP-47 primary language, e.g. "he"
     */
    Transcript transcribe(float[] pcm16k, String language) throws EngineException;

    /** Loads models and runs one tiny inference so the first call is not slow. */
    default void warmUp() throws EngineException {
    }

    /**
     * @param confidence in [0, 1] from the recogniser's own probabilities ({@link SttConfidence}), or NaN when the
     *                   engine reports none (never a made-up default)
     */
    record Transcript(String text, double confidence, String language) {
        public boolean hasConfidence() {
            return !Double.isNaN(confidence);
        }
    }
}
