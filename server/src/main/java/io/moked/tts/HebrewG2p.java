package io.moked.tts;

import io.moked.engine.EngineException;
import io.moked.tts.g2p.PhonemeConvention;

/**
 * Hebrew grapheme-to-phoneme: plain (unvocalized, already speech-normalised) Hebrew text → IPA phonemes in the
 * symbol set of Piper's Hebrew voices (e.g. stressed IPA such as {@code ʃaˈlom}). Local Hebrew TTS must go through
 * this instead of espeak-ng's Hebrew phonemizer, which drops the vowels of unvocalized text and reads niqqud marks
 * aloud.
 * <p>
 * Implementations ({@code io.moked.tts.g2p}): {@code RenikudG2p} (one ONNX model, characters → IPA) and
 * {@code PhonikudG2p} (a diacritizer ONNX, then the rule-based {@code HebrewPhonemizer}); their model files come from
 * the models directory like every other model. Without a G2P matching the voice's phoneme convention the local Piper
 * engine reports itself not ready for Hebrew and the TTS router uses the next engine. Implementations are
 * thread-safe.
 */
public interface HebrewG2p {
    /** Stable name for logs and /ready, e.g. "renikud". */
    String name();

    /** The phoneme convention this G2P produces; the voice it feeds must have been trained on the same one. */
    PhonemeConvention convention();

    /**
     * @param text Hebrew sentence; punctuation is kept (Piper voices map {@code , . ! ?} to pauses)
     * @return IPA phonemes, words separated by spaces
     */
    String toIpa(String text) throws EngineException;

    /** Loads the model; called at the TTS engine's warm-up. */
    default void warmUp() throws EngineException {
    }
}
