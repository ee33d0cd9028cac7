package io.moked.stt.whisper;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.moked.engine.EngineException;

import java.io.ByteArrayOutputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.moked.stt.whisper.WhisperFullParamsLayout.AUDIO_CTX;
import static io.moked.stt.whisper.WhisperFullParamsLayout.DETECT_LANGUAGE;
import static io.moked.stt.whisper.WhisperFullParamsLayout.GREEDY_BEST_OF;
import static io.moked.stt.whisper.WhisperFullParamsLayout.INITIAL_PROMPT;
import static io.moked.stt.whisper.WhisperFullParamsLayout.LANGUAGE;
import static io.moked.stt.whisper.WhisperFullParamsLayout.NO_CONTEXT;
import static io.moked.stt.whisper.WhisperFullParamsLayout.NO_TIMESTAMPS;
import static io.moked.stt.whisper.WhisperFullParamsLayout.N_THREADS;
import static io.moked.stt.whisper.WhisperFullParamsLayout.PRINT_PROGRESS;
import static io.moked.stt.whisper.WhisperFullParamsLayout.PRINT_REALTIME;
import static io.moked.stt.whisper.WhisperFullParamsLayout.PRINT_SPECIAL;
import static io.moked.stt.whisper.WhisperFullParamsLayout.PRINT_TIMESTAMPS;
import static io.moked.stt.whisper.WhisperFullParamsLayout.SINGLE_SEGMENT;
import static io.moked.stt.whisper.WhisperFullParamsLayout.SUPPRESS_BLANK;
import static io.moked.stt.whisper.WhisperFullParamsLayout.SUPPRESS_NON_SPEECH_TOKENS;
import static io.moked.stt.whisper.WhisperFullParamsLayout.TEMPERATURE;
import static io.moked.stt.whisper.WhisperFullParamsLayout.TEMPERATURE_INC;
import static io.moked.stt.whisper.WhisperFullParamsLayout.TRANSLATE;

/**
 * A whisper model run through the verified JNA binding ({@link WhisperCpp}): {@code whisper_init_from_file_no_state}
 * once, a {@code whisper_state} per decoder, {@code whisper_full_with_state} per call with params built from the
 * library's own greedy defaults, and then the segments' text and every token's id and probability.
 */
final class WhisperCppModel implements WhisperBackend {
    private final WhisperCpp cpp;
    private final WhisperCppLibrary lib;
    private final Pointer ctx;
    private final int eot;
    private final byte[] defaults;

    private WhisperCppModel(WhisperCpp cpp, Pointer ctx) {
        this.cpp = cpp;
        this.lib = cpp.library();
        this.ctx = ctx;
        this.eot = lib.whisper_token_eot(ctx);
        this.defaults = cpp.greedyDefaults();
    }

    static WhisperCppModel open(WhisperCpp cpp, Path model) throws EngineException {
        byte[] path = (model.toAbsolutePath() + "\0").getBytes(StandardCharsets.UTF_8);
        Pointer ctx = cpp.library().whisper_init_from_file_no_state(path);
        if (ctx == null) {
            throw new EngineException(WhisperSttEngine.NAME, "whisper.cpp could not load " + model);
        }
        return new WhisperCppModel(cpp, ctx);
    }

    @Override
    public String description() {
        return "whisper.cpp via JNA, token probabilities (" + cpp.build() + ")";
    }

    @Override
    public Decoder newDecoder() throws EngineException {
        Pointer state = lib.whisper_init_state(ctx);
        if (state == null) {
            throw new EngineException(WhisperSttEngine.NAME, "whisper.cpp could not create a decoder state");
        }
        return new StateDecoder(state);
    }

    @Override
    public void close() {
        lib.whisper_free(ctx);
    }

    /** The call's params: the library's greedy defaults with exactly the fields of the call path written. */
    WhisperCppLibrary.FullParams params(Settings s, Memory language, Memory initialPrompt) {
        WhisperCppLibrary.FullParams params = new WhisperCppLibrary.FullParams();
        Pointer p = params.getPointer();
        p.write(0, defaults, 0, defaults.length);
        WhisperFullParamsLayout.writeInt(p, N_THREADS, s.threads());
        WhisperFullParamsLayout.writeBool(p, TRANSLATE, false);
        WhisperFullParamsLayout.writeBool(p, NO_CONTEXT, true);
        WhisperFullParamsLayout.writeBool(p, NO_TIMESTAMPS, true);
        WhisperFullParamsLayout.writeBool(p, SINGLE_SEGMENT, false);
        WhisperFullParamsLayout.writeBool(p, PRINT_SPECIAL, false);
        WhisperFullParamsLayout.writeBool(p, PRINT_PROGRESS, false);
        WhisperFullParamsLayout.writeBool(p, PRINT_REALTIME, false);
        WhisperFullParamsLayout.writeBool(p, PRINT_TIMESTAMPS, false);
        WhisperFullParamsLayout.writeInt(p, AUDIO_CTX, s.audioCtx());
        WhisperFullParamsLayout.writePointer(p, INITIAL_PROMPT, initialPrompt);
        WhisperFullParamsLayout.writePointer(p, LANGUAGE, language);
        WhisperFullParamsLayout.writeBool(p, DETECT_LANGUAGE, false);
        WhisperFullParamsLayout.writeBool(p, SUPPRESS_BLANK, true);
        WhisperFullParamsLayout.writeBool(p, SUPPRESS_NON_SPEECH_TOKENS, true);
        WhisperFullParamsLayout.writeFloat(p, TEMPERATURE, 0f);
        WhisperFullParamsLayout.writeFloat(p, TEMPERATURE_INC, 0f);
        WhisperFullParamsLayout.writeInt(p, GREEDY_BEST_OF, 1);
        return params;
    }

    private static Memory cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    private final class StateDecoder implements Decoder {
        private final Pointer state;

        StateDecoder(Pointer state) {
            this.state = state;
        }

        @Override
        public WhisperResult transcribe(float[] pcm16k, Settings s) throws EngineException {
            Memory language = cString(s.language());
            Memory prompt = s.initialPrompt() == null || s.initialPrompt().isBlank() ? null
                    : cString(s.initialPrompt());
            try {
                int rc = lib.whisper_full_with_state(ctx, state, params(s, language, prompt), pcm16k, pcm16k.length);
                if (rc != 0) {
                    throw new EngineException(WhisperSttEngine.NAME, "whisper_full_with_state failed with code " + rc);
                }
            } finally {
                // the params hold raw pointers to these strings until whisper_full_with_state returns
                Reference.reachabilityFence(language);
                Reference.reachabilityFence(prompt);
            }
            // segment texts are concatenated as bytes: a Hebrew letter's two UTF-8 bytes may straddle segments
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            List<Token> tokens = new ArrayList<>();
            int segments = lib.whisper_full_n_segments_from_state(state);
            for (int i = 0; i < segments; i++) {
                Pointer chars = lib.whisper_full_get_segment_text_from_state(state, i);
                if (chars != null) {
                    byte[] bytes = chars.getByteArray(0, (int) chars.indexOf(0, (byte) 0));
                    text.write(bytes, 0, bytes.length);
                }
                int n = lib.whisper_full_n_tokens_from_state(state, i);
                for (int t = 0; t < n; t++) {
                    int id = lib.whisper_full_get_token_id_from_state(state, i, t);
                    float p = lib.whisper_full_get_token_p_from_state(state, i, t);
                    tokens.add(new Token(id, p, id < eot));
                }
            }
            return new WhisperResult(text.toString(StandardCharsets.UTF_8).trim(), List.copyOf(tokens));
        }

        @Override
        public void free() {
            lib.whisper_free_state(state);
        }
    }
}
