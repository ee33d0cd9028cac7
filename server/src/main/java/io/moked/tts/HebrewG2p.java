package io.moked.tts;

import io.moked.engine.EngineException;

/**
 * Hebrew grapheme-to-phoneme: plain (unvocalized, already speech-normalised) Hebrew text → IPA phonemes in the
 * symbol set of Piper's Hebrew voices (e.g. stressed IPA such as {@code ʃaˈlom}). Local Hebrew TTS must go through
 * this instead of espeak-ng's Hebrew phonemizer, which drops the vowels of unvocalized text and reads niqqud marks
 * aloud.
 * <p>
 * Implementations are beans. The expected one wraps an ONNX model (renikud/phonikud style: a character model that
 * predicts niqqud and stress run with onnxruntime-java, followed by deterministic niqqud → IPA rules); its model file
 * comes from the models directory like every other model. Without a G2P bean the local Piper engine reports itself
 * not ready for Hebrew and the TTS router uses the next engine. Implementations must be thread-safe.
 */
public interface HebrewG2p {
    /** Stable name for logs and /ready, e.g. "renikud". */
    String name();

    /**
     * @param text Hebrew sentence; punctuation is kept (Piper voices map {@code , . ! ?} to pauses)
     * @return IPA phonemes, words separated by spaces
     */
    String toIpa(String text) throws EngineException;

    /** Loads the model; called at the TTS engine's warm-up. */
    default void warmUp() throws EngineException {
    }
}
