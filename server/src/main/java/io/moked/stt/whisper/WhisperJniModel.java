package io.moked.stt.whisper;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import io.moked.engine.EngineException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A whisper model run through whisper-jni 1.7.1: the fallback when the JNA binding cannot be verified
 * ({@link WhisperCpp#bind}). whisper-jni exposes segment text only, so its results carry no tokens and the
 * transcript's confidence is unknown (NaN), never a default.
 */
final class WhisperJniModel implements WhisperBackend {
    private final WhisperJNI jni;
    private final WhisperContext ctx;

    private WhisperJniModel(WhisperJNI jni, WhisperContext ctx) {
        this.jni = jni;
        this.ctx = ctx;
    }

    static WhisperJniModel open(Path model) throws EngineException {
        try {
            WhisperJNI.loadLibrary();
            WhisperJNI jni = new WhisperJNI();
            WhisperContext ctx = jni.initNoState(model);
            if (ctx == null) {
                throw new EngineException(WhisperSttEngine.NAME, "whisper.cpp could not load " + model);
            }
            return new WhisperJniModel(jni, ctx);
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new EngineException(WhisperSttEngine.NAME, "cannot load whisper model " + model + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "whisper-jni, no token probabilities";
    }

    @Override
    public Decoder newDecoder() throws EngineException {
        WhisperState state = jni.initState(ctx);
        if (state == null) {
            throw new EngineException(WhisperSttEngine.NAME, "whisper.cpp could not create a decoder state");
        }
        return new Decoder() {
            @Override
            public WhisperResult transcribe(float[] pcm16k, Settings s) throws EngineException {
                int rc = jni.fullWithState(ctx, state, params(s), pcm16k, pcm16k.length);
                if (rc != 0) {
                    throw new EngineException(WhisperSttEngine.NAME, "whisper_full failed with code " + rc);
                }
                int segments = jni.fullNSegmentsFromState(state);
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < segments; i++) {
                    text.append(jni.fullGetSegmentTextFromState(state, i));
                }
                return new WhisperResult(text.toString().trim(), null);
            }

            @Override
            public void free() {
                jni.free(state);
            }
        };
    }

    /** The same call-path settings as {@link WhisperCppModel#params}, in whisper-jni's params object. */
    static WhisperFullParams params(Settings s) {
        WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        p.language = s.language();
        p.detectLanguage = false;
        p.translate = false;
        p.nThreads = s.threads();
        p.noContext = true;
        p.noTimestamps = true;
        p.singleSegment = false;
        p.suppressNonSpeechTokens = true;
        p.suppressBlank = true;
        p.printProgress = false;
        p.printRealtime = false;
        p.printTimestamps = false;
        p.printSpecial = false;
        p.temperature = 0f;
        p.temperatureInc = 0f;
        p.greedyBestOf = 1;
        p.audioCtx = s.audioCtx();
        if (s.initialPrompt() != null && !s.initialPrompt().isBlank()) {
            p.initialPrompt = s.initialPrompt();
        }
        return p;
    }

    @Override
    public void close() {
        jni.free(ctx);
    }
}
