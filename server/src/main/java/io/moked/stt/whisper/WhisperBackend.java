package io.moked.stt.whisper;

import io.micronaut.core.annotation.Nullable;
import io.moked.engine.EngineException;
import io.moked.stt.SttConfidence;

import java.util.List;

/**
 * One loaded whisper.cpp model: {@link WhisperCppModel} (JNA, with token probabilities) or {@link WhisperJniModel}
 * (whisper-jni, without). The engine creates one {@link Decoder} per worker at load and borrows them per call.
 */
interface WhisperBackend {
    /** A decoder state for one worker; states of one model may run at the same time, one call each. */
    Decoder newDecoder() throws EngineException;

    /** What runs the model, for logs and /ready, e.g. "whisper.cpp v1.7.1 via JNA (token probabilities)". */
    String description();

    /** Frees the model; every decoder must have been freed first. */
    void close();

    interface Decoder {
        WhisperResult transcribe(float[] pcm16k, Settings settings) throws EngineException;

        void free();
    }

    /**
     * The call path's decoding settings (greedy, temperature 0, no fallback, no timestamps, no context are fixed).
     *
     * @param audioCtx 0 = whisper's full window
     */
    record Settings(String language, int threads, int audioCtx, @Nullable String initialPrompt) {
    }

    /** A decoded token: id, probability, and whether it is text (below end-of-text) or a special token. */
    record Token(int id, float p, boolean text) {
    }

    /**
     * @param tokens every decoded token of every segment, or null when the backend reports none
     */
    record WhisperResult(String text, @Nullable List<Token> tokens) {
        /** Geometric mean probability of the text tokens ({@link SttConfidence}); NaN without tokens. */
        double confidence() {
            if (tokens == null) {
                return SttConfidence.UNKNOWN;
            }
            double[] logprobs = tokens.stream().filter(Token::text).mapToDouble(t -> Math.log(t.p())).toArray();
            return SttConfidence.fromTokenLogprobs(logprobs, SttConfidence.UNKNOWN);
        }
    }
}
