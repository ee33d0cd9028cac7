package io.moked.stt.whisper;

import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.engine.SttRouteConfig;
import io.moked.stt.SttEngine;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Local speech-to-text with whisper.cpp. The model is loaded once and a small pool of decoder states — one per STT
 * worker — is created at warm-up; each transcription borrows a state and gives it back, so no context or state is
 * ever created on the call path. {@code no_context} keeps one call's text from leaking into the next call that
 * reuses the state.
 * <p>
 * On the call path: the language is forced ({@link WhisperConfig#languageFor}, never detected), decoding is greedy
 * at temperature 0 with whisper.cpp's temperature fallback off ({@code temperature_inc = 0}: a hard utterance is not
 * decoded again and again while the caller waits), and {@code audio_ctx} can be sized to the utterance.
 * <p>
 * Confidence: the geometric mean probability of the decoded text tokens, read through the JNA binding to the
 * library whisper-jni loaded ({@link WhisperCpp}, {@link WhisperCppModel}). When that binding cannot be verified
 * for the library at hand, the engine runs through whisper-jni ({@link WhisperJniModel}), which exposes no token
 * probabilities, says so in the log, and reports confidence as unknown (NaN) — never a default. whisper.cpp v1.7.1
 * has no per-segment no-speech probability in its API, so the no-speech factor of {@code SttConfidence} is absent.
 */
@Singleton
public class WhisperSttEngine implements SttEngine {
    public static final String NAME = "whisper";
    private static final Logger LOG = LoggerFactory.getLogger(WhisperSttEngine.class);
    private static final int SAMPLE_RATE_HZ = 16_000;
    private static final int WARM_UP_SAMPLES = SAMPLE_RATE_HZ; // one second of silence
    /** whisper.cpp refuses input shorter than 1000 ms ("input is too short"); short answers ("כן") are padded. */
    private static final int MIN_SAMPLES = SAMPLE_RATE_HZ * 1050 / 1000;

    /** Which binding runs the model: the verified JNA one when possible, or whisper-jni only. */
    public enum Binding { AUTO, WHISPER_JNI }

    private final WhisperConfig config;
    private final ModelFiles models;
    private final int workers;
    private final int threadsPerCall;
    private final Binding binding;

    private WhisperBackend backend;
    private BlockingQueue<WhisperBackend.Decoder> decoders;
    private final List<WhisperBackend.Decoder> allDecoders = new ArrayList<>();

    @Inject
    public WhisperSttEngine(WhisperConfig config, ModelFiles models, SttRouteConfig route) {
        this(config, models, config.workers() > 0 ? config.workers() : route.effectiveThreads());
    }

    public WhisperSttEngine(WhisperConfig config, ModelFiles models, int workers) {
        this(config, models, workers, Binding.AUTO);
    }

    public WhisperSttEngine(WhisperConfig config, ModelFiles models, int workers, Binding binding) {
        this.config = config;
        this.models = models;
        this.workers = Math.max(1, workers);
        this.binding = binding;
        int cores = Runtime.getRuntime().availableProcessors();
        this.threadsPerCall = config.threads() > 0 ? config.threads() : Math.max(1, cores / this.workers);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Loads the library, the model and the state pool once; later calls return at once. */
    public synchronized void load() throws EngineException {
        if (backend != null) {
            return;
        }
        Path file = models.require(NAME, "whisper model (moked.engines.stt.whisper.model)", config.model());
        WhisperBackend opened = open(file);
        try {
            BlockingQueue<WhisperBackend.Decoder> pool = new ArrayBlockingQueue<>(workers);
            for (int i = 0; i < workers; i++) {
                WhisperBackend.Decoder decoder = opened.newDecoder();
                pool.add(decoder);
                allDecoders.add(decoder);
            }
            decoders = pool;
            backend = opened;
        } catch (EngineException | RuntimeException e) {
            allDecoders.forEach(WhisperBackend.Decoder::free);
            allDecoders.clear();
            opened.close();
            throw e;
        }
        LOG.info("whisper: {} loaded with {} ({} decoder states, {} threads each)", file.getFileName(),
                opened.description(), workers, threadsPerCall);
    }

    private WhisperBackend open(Path file) throws EngineException {
        if (binding == Binding.AUTO) {
            WhisperCpp.Binding bound = WhisperCpp.bind();
            if (bound.bound()) {
                return WhisperCppModel.open(bound.cpp(), file);
            }
            LOG.warn("whisper: token probabilities unavailable, running through whisper-jni and reporting transcript "
                    + "confidence as unknown (NaN): {}", bound.reason());
        }
        return WhisperJniModel.open(file);
    }

    @Override
    public void warmUp() throws EngineException {
        load();
        transcribe(new float[WARM_UP_SAMPLES], "he");
    }

    @Override
    public Transcript transcribe(float[] pcm16k, String language) throws EngineException {
        WhisperBackend.WhisperResult result = decode(pcm16k, language);
        return new Transcript(result.text(), result.confidence(), config.languageFor(language));
    }

    /** One transcription with its tokens (tools, tests); {@link #transcribe} is the call path's view of it. */
    WhisperBackend.WhisperResult decode(float[] pcm16k, String language) throws EngineException {
        load();
        WhisperBackend.Decoder decoder;
        try {
            // the pool has one state per STT executor thread, so a state is free whenever a worker runs this
            decoder = decoders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(NAME, "interrupted while waiting for a decoder state", e);
        }
        float[] input = pcm16k.length >= MIN_SAMPLES ? pcm16k : Arrays.copyOf(pcm16k, MIN_SAMPLES);
        try {
            return decoder.transcribe(input, settings(config.languageFor(language), input.length));
        } finally {
            decoders.add(decoder);
        }
    }

    WhisperBackend.Settings settings(String language, int samples) {
        return new WhisperBackend.Settings(language, threadsPerCall, config.audioCtxFor(samples),
                config.initialPrompt());
    }

    /** What runs the model once loaded (e.g. "whisper.cpp via JNA, token probabilities (…)"); null before. */
    public synchronized String backendDescription() {
        return backend == null ? null : backend.description();
    }

    /** Decoder states created so far (one per worker, at load). */
    public synchronized int statesCreated() {
        return allDecoders.size();
    }

    public int threadsPerCall() {
        return threadsPerCall;
    }

    @PreDestroy
    public synchronized void close() {
        if (backend == null) {
            return;
        }
        allDecoders.forEach(WhisperBackend.Decoder::free);
        allDecoders.clear();
        backend.close();
        backend = null;
    }
}
