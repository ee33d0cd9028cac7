package io.moked.stt.whisper;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The local whisper.cpp engine (whisper-jni): {@code moked.engines.stt.whisper.*}; documented in application.yml.
 *
 * @param model   ggml model file in the models directory
 * @param workers decoder states kept warm, i.e. transcriptions that can run at once; 0 = the STT executor's threads
 * @param threads CPU threads per transcription; 0 = cores / workers (at least 1)
 * @param initialPrompt optional text that biases the decoder's vocabulary (e.g. domain words); empty for none
 */
@ConfigurationProperties("moked.engines.stt.whisper")
public record WhisperConfig(
        @Bindable(defaultValue = "ggml-base-q5_1.bin") String model,
        @Bindable(defaultValue = "0") int workers,
        @Bindable(defaultValue = "0") int threads,
        @Nullable String initialPrompt) {
}
