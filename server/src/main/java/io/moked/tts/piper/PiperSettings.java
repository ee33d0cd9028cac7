package io.moked.tts.piper;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.moked.tts.g2p.PhonemeConvention;

/**
 * The local Piper engine: {@code moked.engines.tts.piper.*}; documented in application.yml.
 *
 * @param voice       voice model (.onnx) in the models directory
 * @param voiceConfig its Piper config; default {@code <voice>.json}
 * @param language    the language the voice speaks ("he" drives it with phonemes from a Hebrew G2P)
 * @param phonemes    the phoneme convention the (Hebrew) voice was trained on: phonikud (Shaul) or renikud (noa)
 * @param g2p         which Hebrew G2P to use: auto (the one of the voice's convention), renikud or phonikud
 * @param speakerId   speaker of a multi-speaker voice
 * @param threads     onnxruntime intra-op threads per synthesis (sentences of several calls already run in parallel)
 */
@ConfigurationProperties("moked.engines.tts.piper")
public record PiperSettings(
        @Bindable(defaultValue = "he-shaul.onnx") String voice,
        @Nullable String voiceConfig,
        @Bindable(defaultValue = "he") String language,
        @Bindable(defaultValue = "phonikud") String phonemes,
        @Bindable(defaultValue = "auto") String g2p,
        @Bindable(defaultValue = "0") long speakerId,
        @Bindable(defaultValue = "1") int threads) {

    /** The settings most tests and tools need: a voice, its language and the convention it was trained on. */
    public PiperSettings(String voice, @Nullable String voiceConfig, String language, String phonemes) {
        this(voice, voiceConfig, language, phonemes, "auto", 0, 1);
    }

    public String effectiveVoiceConfig() {
        return voiceConfig == null || voiceConfig.isBlank() ? voice + ".json" : voiceConfig;
    }

    public boolean hebrew() {
        return "he".equalsIgnoreCase(language) || "iw".equalsIgnoreCase(language);
    }

    public PhonemeConvention convention() {
        return PhonemeConvention.parse(phonemes);
    }
}
