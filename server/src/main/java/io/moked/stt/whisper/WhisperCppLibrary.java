package io.moked.stt.whisper;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import java.util.List;

/**
 * The part of whisper.cpp v1.7.1's C API ({@code include/whisper.h}) this engine calls through JNA, bound to the
 * {@code libwhisper.so.1} whisper-jni extracted and loaded (see {@link WhisperCpp}). Pointers are opaque
 * {@code whisper_context} / {@code whisper_state} handles owned by {@link WhisperCppModel}.
 */
interface WhisperCppLibrary extends Library {
    /** A NUL-terminated UTF-8 path: the model is loaded with whisper.cpp's default context parameters. */
    Pointer whisper_init_from_file_no_state(byte[] pathUtf8);

    Pointer whisper_init_state(Pointer ctx);

    Pointer whisper_full_default_params_by_ref(int strategy);

    void whisper_free_params(Pointer params);

    int whisper_full_with_state(Pointer ctx, Pointer state, FullParams params, float[] samples, int nSamples);

    int whisper_full_n_segments_from_state(Pointer state);

    Pointer whisper_full_get_segment_text_from_state(Pointer state, int segment);

    int whisper_full_n_tokens_from_state(Pointer state, int segment);

    int whisper_full_get_token_id_from_state(Pointer state, int segment, int token);

    float whisper_full_get_token_p_from_state(Pointer state, int segment, int token);

    /** End of text: every special token (sot, language, task, timestamps, …) has an id at or above it. */
    int whisper_token_eot(Pointer ctx);

    void whisper_free_state(Pointer state);

    void whisper_free(Pointer ctx);

    /**
     * {@code struct whisper_full_params}, passed by value, as {@link WhisperFullParamsLayout#SIZE} opaque bytes
     * (8-byte words, the struct's alignment): its memory is filled from the library's own defaults and patched at
     * the layout's offsets, never through Java fields, so auto-write and auto-read are off.
     */
    final class FullParams extends Structure implements Structure.ByValue {
        public long[] words = new long[WhisperFullParamsLayout.SIZE / Long.BYTES];

        public FullParams() {
            setAutoSynch(false);
        }

        @Override
        protected List<String> getFieldOrder() {
            return List.of("words");
        }
    }
}
