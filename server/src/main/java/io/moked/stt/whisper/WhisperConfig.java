package io.moked.stt.whisper;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The local whisper.cpp engine (whisper-jni): {@code moked.engines.stt.whisper.*}; documented in application.yml.
 *
 * @param model         ggml model file in the models directory
 * @param workers       decoder states kept warm, i.e. transcriptions that can run at once; 0 = the STT executor's threads
 * @param threads       CPU threads per transcription; 0 = cores / workers (at least 1)
 * @param initialPrompt optional text that biases the decoder's vocabulary (e.g. domain words); empty for none
 * @param language      language forced on the decoder whatever the call asks ("he": ivrit-ai's fine-tune detects
 *                      languages badly); empty = the call's language. Language detection is never used.
 * @param audioCtx      encoder context in frames (50 per second of audio, 1500 = whisper's full 30 s window); 0 = full
 * @param audioCtxFromUtterance size the encoder context to each utterance (+ {@code audioCtxPaddingMs}) instead: much
 *                      faster on short turns at some accuracy cost; measure with scripts/bench/engines.sh first
 * @param audioCtxPaddingMs audio time added to the utterance when sizing the context
 */
@ConfigurationProperties("moked.engines.stt.whisper")
public record WhisperConfig(
        @Bindable(defaultValue = "ggml-ivrit-large-v3-turbo-q5_0.bin") String model,
        @Bindable(defaultValue = "0") int workers,
        @Bindable(defaultValue = "0") int threads,
        @Nullable String initialPrompt,
        @Bindable(defaultValue = "he") String language,
        @Bindable(defaultValue = "0") int audioCtx,
        @Bindable(defaultValue = "false") boolean audioCtxFromUtterance,
        @Bindable(defaultValue = "1000") int audioCtxPaddingMs) {

    /** Encoder frames per second of audio (whisper: 1500 frames per 30 s window). */
    static final int FRAMES_PER_SECOND = 50;
    static final int FULL_CONTEXT = 1500;

    /** The settings of tools and tests: a model, everything else at its default. */
    public WhisperConfig(String model, int workers, int threads, @Nullable String initialPrompt) {
        this(model, workers, threads, initialPrompt, "he", 0, false, 1000);
    }

    /** The decoder's language for a call asking for {@code requested}. */
    public String languageFor(String requested) {
        return language == null || language.isBlank() ? requested : language.trim();
    }

    /** whisper's {@code audio_ctx} for an input of {@code samples16k} samples; 0 = the full window. */
    public int audioCtxFor(int samples16k) {
        if (audioCtxFromUtterance) {
            double seconds = samples16k / 16_000.0 + Math.max(0, audioCtxPaddingMs) / 1000.0;
            return Math.min(FULL_CONTEXT, (int) Math.ceil(seconds * FRAMES_PER_SECOND));
        }
        return audioCtx <= 0 ? 0 : Math.min(FULL_CONTEXT, audioCtx);
    }
}
