package io.moked.stt.whisper;

import com.sun.jna.Pointer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct whisper_full_params} of whisper.cpp v1.7.1 ({@code include/whisper.h} at commit
 * ebca09a3d1033417b0c630bbbe607b0f185b1488, the submodule whisper-jni 1.7.1 builds its {@code libwhisper.so.1}
 * from) on a 64-bit (LP64) platform: the byte offsets of the fields this engine writes and of every field whose
 * documented default ({@code whisper_full_default_params} in {@code src/whisper.cpp} of that version) proves the
 * layout. Offsets were taken from the header with {@code offsetof} and are checked against the loaded library at
 * bind time ({@link #mismatches}); no field outside this table is ever written.
 */
final class WhisperFullParamsLayout {
    /** {@code sizeof(struct whisper_full_params)}: the last field, grammar_penalty (float), ends at 260; align 8. */
    static final int SIZE = 264;
    static final int GREEDY = 0;
    static final int BEAM_SEARCH = 1;

    enum Type { INT, BOOL, FLOAT, POINTER, SIZE_T }

    /** One field: name in whisper.h, byte offset, C type. */
    record Field(String name, int offset, Type type) {
    }

    static final Field STRATEGY = new Field("strategy", 0, Type.INT);
    static final Field N_THREADS = new Field("n_threads", 4, Type.INT);
    static final Field N_MAX_TEXT_CTX = new Field("n_max_text_ctx", 8, Type.INT);
    static final Field OFFSET_MS = new Field("offset_ms", 12, Type.INT);
    static final Field DURATION_MS = new Field("duration_ms", 16, Type.INT);
    static final Field TRANSLATE = new Field("translate", 20, Type.BOOL);
    static final Field NO_CONTEXT = new Field("no_context", 21, Type.BOOL);
    static final Field NO_TIMESTAMPS = new Field("no_timestamps", 22, Type.BOOL);
    static final Field SINGLE_SEGMENT = new Field("single_segment", 23, Type.BOOL);
    static final Field PRINT_SPECIAL = new Field("print_special", 24, Type.BOOL);
    static final Field PRINT_PROGRESS = new Field("print_progress", 25, Type.BOOL);
    static final Field PRINT_REALTIME = new Field("print_realtime", 26, Type.BOOL);
    static final Field PRINT_TIMESTAMPS = new Field("print_timestamps", 27, Type.BOOL);
    static final Field TOKEN_TIMESTAMPS = new Field("token_timestamps", 28, Type.BOOL);
    static final Field THOLD_PT = new Field("thold_pt", 32, Type.FLOAT);
    static final Field THOLD_PTSUM = new Field("thold_ptsum", 36, Type.FLOAT);
    static final Field MAX_LEN = new Field("max_len", 40, Type.INT);
    static final Field SPLIT_ON_WORD = new Field("split_on_word", 44, Type.BOOL);
    static final Field MAX_TOKENS = new Field("max_tokens", 48, Type.INT);
    static final Field DEBUG_MODE = new Field("debug_mode", 52, Type.BOOL);
    static final Field AUDIO_CTX = new Field("audio_ctx", 56, Type.INT);
    static final Field TDRZ_ENABLE = new Field("tdrz_enable", 60, Type.BOOL);
    static final Field SUPPRESS_REGEX = new Field("suppress_regex", 64, Type.POINTER);
    static final Field INITIAL_PROMPT = new Field("initial_prompt", 72, Type.POINTER);
    static final Field PROMPT_TOKENS = new Field("prompt_tokens", 80, Type.POINTER);
    static final Field PROMPT_N_TOKENS = new Field("prompt_n_tokens", 88, Type.INT);
    static final Field LANGUAGE = new Field("language", 96, Type.POINTER);
    static final Field DETECT_LANGUAGE = new Field("detect_language", 104, Type.BOOL);
    static final Field SUPPRESS_BLANK = new Field("suppress_blank", 105, Type.BOOL);
    static final Field SUPPRESS_NON_SPEECH_TOKENS = new Field("suppress_non_speech_tokens", 106, Type.BOOL);
    static final Field TEMPERATURE = new Field("temperature", 108, Type.FLOAT);
    static final Field MAX_INITIAL_TS = new Field("max_initial_ts", 112, Type.FLOAT);
    static final Field LENGTH_PENALTY = new Field("length_penalty", 116, Type.FLOAT);
    static final Field TEMPERATURE_INC = new Field("temperature_inc", 120, Type.FLOAT);
    static final Field ENTROPY_THOLD = new Field("entropy_thold", 124, Type.FLOAT);
    static final Field LOGPROB_THOLD = new Field("logprob_thold", 128, Type.FLOAT);
    static final Field NO_SPEECH_THOLD = new Field("no_speech_thold", 132, Type.FLOAT);
    static final Field GREEDY_BEST_OF = new Field("greedy.best_of", 136, Type.INT);
    static final Field BEAM_SIZE = new Field("beam_search.beam_size", 140, Type.INT);
    static final Field BEAM_PATIENCE = new Field("beam_search.patience", 144, Type.FLOAT);
    /** The five callbacks and their user data: ten pointers from 152 to 224. */
    static final int CALLBACKS_OFFSET = 152;
    static final int CALLBACK_POINTERS = 10;
    static final Field GRAMMAR_RULES = new Field("grammar_rules", 232, Type.POINTER);
    static final Field N_GRAMMAR_RULES = new Field("n_grammar_rules", 240, Type.SIZE_T);
    static final Field I_START_RULE = new Field("i_start_rule", 248, Type.SIZE_T);
    static final Field GRAMMAR_PENALTY = new Field("grammar_penalty", 256, Type.FLOAT);

    private WhisperFullParamsLayout() {
    }

    /** A field and the value {@code whisper_full_default_params_by_ref} gives it. */
    private record Expected(Field field, double value) {
    }

    /** The documented defaults of every field except n_threads (hardware-dependent) and language ("en"). */
    private static List<Expected> defaults(int strategy) {
        List<Expected> e = new ArrayList<>(List.of(
                new Expected(STRATEGY, strategy), new Expected(N_MAX_TEXT_CTX, 16384),
                new Expected(OFFSET_MS, 0), new Expected(DURATION_MS, 0), new Expected(TRANSLATE, 0),
                new Expected(NO_CONTEXT, 1), new Expected(NO_TIMESTAMPS, 0), new Expected(SINGLE_SEGMENT, 0),
                new Expected(PRINT_SPECIAL, 0), new Expected(PRINT_PROGRESS, 1), new Expected(PRINT_REALTIME, 0),
                new Expected(PRINT_TIMESTAMPS, 1), new Expected(TOKEN_TIMESTAMPS, 0), new Expected(THOLD_PT, 0.01f),
                new Expected(THOLD_PTSUM, 0.01f), new Expected(MAX_LEN, 0), new Expected(SPLIT_ON_WORD, 0),
                new Expected(MAX_TOKENS, 0), new Expected(DEBUG_MODE, 0), new Expected(AUDIO_CTX, 0),
                new Expected(TDRZ_ENABLE, 0), new Expected(SUPPRESS_REGEX, 0), new Expected(INITIAL_PROMPT, 0),
                new Expected(PROMPT_TOKENS, 0), new Expected(PROMPT_N_TOKENS, 0), new Expected(DETECT_LANGUAGE, 0),
                new Expected(SUPPRESS_BLANK, 1), new Expected(SUPPRESS_NON_SPEECH_TOKENS, 0),
                new Expected(TEMPERATURE, 0f), new Expected(MAX_INITIAL_TS, 1f), new Expected(LENGTH_PENALTY, -1f),
                new Expected(TEMPERATURE_INC, 0.2f), new Expected(ENTROPY_THOLD, 2.4f),
                new Expected(LOGPROB_THOLD, -1f), new Expected(NO_SPEECH_THOLD, 0.6f),
                new Expected(GREEDY_BEST_OF, strategy == GREEDY ? 5 : -1),
                new Expected(BEAM_SIZE, strategy == BEAM_SEARCH ? 5 : -1), new Expected(BEAM_PATIENCE, -1f),
                new Expected(GRAMMAR_RULES, 0), new Expected(N_GRAMMAR_RULES, 0), new Expected(I_START_RULE, 0),
                new Expected(GRAMMAR_PENALTY, 100f)));
        for (int i = 0; i < CALLBACK_POINTERS; i++) {
            e.add(new Expected(new Field("callback pointer " + i, CALLBACKS_OFFSET + 8 * i, Type.POINTER), 0));
        }
        return e;
    }

    /**
     * Compares the library's defaults for {@code strategy} (a struct from {@code whisper_full_default_params_by_ref})
     * with the documented ones, field by field at this table's offsets.
     *
     * @return one line per field that differs; empty when the layout is the one this table describes
     */
    static List<String> mismatches(Pointer params, int strategy) {
        List<String> out = new ArrayList<>();
        for (Expected e : defaults(strategy)) {
            double actual = read(params, e.field());
            if (Double.compare(actual, e.value()) != 0) {
                out.add(e.field().name() + "@" + e.field().offset() + " = " + actual + ", expected " + e.value());
            }
        }
        int threads = params.getInt(N_THREADS.offset());
        if (threads < 0 || threads > 4) {
            out.add("n_threads@4 = " + threads + ", expected min(4, hardware threads)");
        }
        if (!out.isEmpty()) {
            return out; // the bytes at the language offset may not be a pointer: never dereference them
        }
        Pointer language = params.getPointer(LANGUAGE.offset());
        String lang = language == null ? null : language.getString(0, "UTF-8");
        if (!"en".equals(lang)) {
            out.add("language@96 = " + lang + ", expected \"en\"");
        }
        return out;
    }

    static double read(Pointer p, Field f) {
        return switch (f.type()) {
            case INT -> p.getInt(f.offset());
            case BOOL -> p.getByte(f.offset());
            case FLOAT -> p.getFloat(f.offset());
            case POINTER, SIZE_T -> p.getLong(f.offset());
        };
    }

    static void writeInt(Pointer p, Field f, int value) {
        require(f, Type.INT);
        p.setInt(f.offset(), value);
    }

    static void writeBool(Pointer p, Field f, boolean value) {
        require(f, Type.BOOL);
        p.setByte(f.offset(), (byte) (value ? 1 : 0));
    }

    static void writeFloat(Pointer p, Field f, float value) {
        require(f, Type.FLOAT);
        p.setFloat(f.offset(), value);
    }

    static void writePointer(Pointer p, Field f, Pointer value) {
        require(f, Type.POINTER);
        p.setPointer(f.offset(), value);
    }

    private static void require(Field f, Type type) {
        if (f.type() != type) {
            throw new IllegalArgumentException(f.name() + " is " + f.type() + ", not " + type);
        }
    }
}
