package io.moked.tts.piper;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The local Piper engine (piper-jni): {@code moked.engines.tts.piper.*}; documented in application.yml.
 *
 * @param voice       voice model (.onnx) in the models directory
 * @param voiceConfig its Piper config; default {@code <voice>.json}
 * @param language    the language the voice speaks ("he" drives it with phonemes from {@link io.moked.tts.HebrewG2p})
 */
@ConfigurationProperties("moked.engines.tts.piper")
public record PiperSettings(
        @Bindable(defaultValue = "he-shaul.onnx") String voice,
        @Nullable String voiceConfig,
        @Bindable(defaultValue = "he") String language) {

    public String effectiveVoiceConfig() {
        return voiceConfig == null || voiceConfig.isBlank() ? voice + ".json" : voiceConfig;
    }

    public boolean hebrew() {
        return "he".equalsIgnoreCase(language) || "iw".equalsIgnoreCase(language);
    }
}
