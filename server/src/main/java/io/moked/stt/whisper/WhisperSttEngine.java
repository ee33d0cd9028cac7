package io.moked.stt.whisper;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.engine.SttRouteConfig;
import io.moked.stt.SttConfidence;
import io.moked.stt.SttEngine;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Local speech-to-text with whisper.cpp through whisper-jni. The model is loaded once ({@code initNoState}) and a
 * small pool of decoder states — one per STT worker — is created at warm-up; each transcription borrows a state and
 * gives it back, so no context or state is ever created on the call path. {@code noContext} keeps one call's text
 * from leaking into the next call that reuses the state.
 * <p>
 * On the call path: the language is forced ({@link WhisperConfig#languageFor}, never detected), decoding is greedy
 * at temperature 0 with whisper.cpp's temperature fallback off ({@code temperature_inc = 0}: a hard utterance is not
 * decoded again and again while the caller waits), and {@code audio_ctx} can be sized to the utterance.
 * <p>
 * Confidence: whisper.cpp computes token probabilities and a no-speech probability, but whisper-jni 1.7.1 exposes
 * neither (its JNI surface is segment text and timestamps; the library's token functions are not exported), so
 * this engine reports confidence as unknown (NaN) — never a default. An OpenAI-compatible whisper server
 * ({@code OpenAiSttEngine}) gives real ones from its verbose response.
 */
@Singleton
public class WhisperSttEngine implements SttEngine {
    public static final String NAME = "whisper";
    private static final int SAMPLE_RATE_HZ = 16_000;
    private static final int WARM_UP_SAMPLES = SAMPLE_RATE_HZ; // one second of silence
    /** whisper.cpp refuses input shorter than 1000 ms ("input is too short"); short answers ("כן") are padded. */
    private static final int MIN_SAMPLES = SAMPLE_RATE_HZ * 1050 / 1000;

    private final WhisperConfig config;
    private final ModelFiles models;
    private final int workers;
    private final int threadsPerCall;

    private WhisperJNI whisper;
    private WhisperContext context;
    private BlockingQueue<WhisperState> states;
    private final List<WhisperState> allStates = new ArrayList<>();

    @Inject
    public WhisperSttEngine(WhisperConfig config, ModelFiles models, SttRouteConfig route) {
        this(config, models, config.workers() > 0 ? config.workers() : route.effectiveThreads());
    }

    public WhisperSttEngine(WhisperConfig config, ModelFiles models, int workers) {
        this.config = config;
        this.models = models;
        this.workers = Math.max(1, workers);
        int cores = Runtime.getRuntime().availableProcessors();
        this.threadsPerCall = config.threads() > 0 ? config.threads() : Math.max(1, cores / this.workers);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Loads the library, the model and the state pool once; later calls return at once. */
    public synchronized void load() throws EngineException {
        if (context != null) {
            return;
        }
        Path file = models.require(NAME, "whisper model (moked.engines.stt.whisper.model)", config.model());
        try {
            WhisperJNI.loadLibrary();
            WhisperJNI jni = new WhisperJNI();
            WhisperContext ctx = jni.initNoState(file);
            if (ctx == null) {
                throw new EngineException(NAME, "whisper.cpp could not load " + file);
            }
            BlockingQueue<WhisperState> pool = new ArrayBlockingQueue<>(workers);
            for (int i = 0; i < workers; i++) {
                WhisperState state = jni.initState(ctx);
                if (state == null) {
                    throw new EngineException(NAME, "whisper.cpp could not create decoder state " + (i + 1));
                }
                pool.add(state);
                allStates.add(state);
            }
            whisper = jni;
            context = ctx;
            states = pool;
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new EngineException(NAME, "cannot load whisper model " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void warmUp() throws EngineException {
        load();
        transcribe(new float[WARM_UP_SAMPLES], "he");
    }

    @Override
    public Transcript transcribe(float[] pcm16k, String language) throws EngineException {
        load();
        WhisperState state;
        try {
            // the pool has one state per STT executor thread, so a state is free whenever a worker runs this
            state = states.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(NAME, "interrupted while waiting for a decoder state", e);
        }
        float[] input = pcm16k.length >= MIN_SAMPLES ? pcm16k : java.util.Arrays.copyOf(pcm16k, MIN_SAMPLES);
        try {
            int rc = whisper.fullWithState(context, state, params(config.languageFor(language), input.length), input,
                    input.length);
            if (rc != 0) {
                throw new EngineException(NAME, "whisper_full failed with code " + rc);
            }
            int segments = whisper.fullNSegmentsFromState(state);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < segments; i++) {
                text.append(whisper.fullGetSegmentTextFromState(state, i));
            }
            return new Transcript(text.toString().trim(), SttConfidence.UNKNOWN, config.languageFor(language));
        } finally {
            states.add(state);
        }
    }

    WhisperFullParams params(String language, int samples) {
        WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        p.language = language;
        p.detectLanguage = false;
        p.translate = false;
        p.nThreads = threadsPerCall;
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
        p.audioCtx = config.audioCtxFor(samples);
        if (config.initialPrompt() != null && !config.initialPrompt().isBlank()) {
            p.initialPrompt = config.initialPrompt();
        }
        return p;
    }

    /** Decoder states created so far (one per worker, at load). */
    public synchronized int statesCreated() {
        return allStates.size();
    }

    public int threadsPerCall() {
        return threadsPerCall;
    }

    @PreDestroy
    public synchronized void close() {
        if (context == null) {
            return;
        }
        for (WhisperState s : allStates) {
            whisper.free(s);
        }
        allStates.clear();
        whisper.free(context);
        context = null;
    }
}
