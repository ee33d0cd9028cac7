package io.moked.engine;

import io.moked.engine.openai.OpenAiConfig;
import io.moked.health.ReadinessCheck;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.LlmRouter;
import io.moked.llm.llama.LlamaConfig;
import io.moked.models.ModelCatalog;
import io.moked.models.ModelSettings;
import io.moked.stt.SttEngine;
import io.moked.stt.SttRouter;
import io.moked.stt.whisper.WhisperConfig;
import io.moked.tts.TtsCache;
import io.moked.tts.TtsEngine;
import io.moked.tts.TtsRouter;
import io.moked.tts.g2p.G2pConfig;
import io.moked.tts.piper.PiperSettings;
import io.moked.vad.VadConfig;
import io.moked.vad.VadParams;
import io.moked.vad.VadService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StagesReadinessCheck}: which engine serves vad, stt, llm, g2p and tts — local, cloud or none, and why —
 * before warm-up (agentctl doctor: from the files in the models directory and the OpenAI key) and after it (the
 * appliance: from the routers' live state), and the licence warnings of the local models in use (the real manifest:
 * the Shaul voice is CC BY-NC, renikud has no known licence).
 */
class StagesReadinessCheckTest {
    private static final String WHISPER = "ggml-ivrit-large-v3-turbo-q5_0.bin";
    private static final String LLAMA = "stories260K.gguf";
    private static final ModelCatalog CATALOG = ModelCatalog.load(null);

    @TempDir
    Path models;
    private final List<EngineRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void close() {
        runtimes.forEach(EngineRuntime::close);
    }

    /** Engines that succeed or fail their warm-up; never called for real work here. */
    private record Fake(String name, boolean warm, CountDownLatch hold) implements SttEngine, LlmEngine, TtsEngine {
        Fake(String name, boolean warm) {
            this(name, warm, null);
        }

        @Override
        public void warmUp() throws EngineException {
            if (hold != null) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!warm) {
                throw new EngineException(name, name + " model missing");
            }
        }

        @Override
        public Transcript transcribe(float[] pcm16k, String language) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Completion chat(ChatRequest request, Listener listener, Cancellation cancel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void synthesize(String text, String language, String voice, AudioSink sink, Cancellation cancel) {
            throw new UnsupportedOperationException();
        }
    }

    private void install(String... files) throws IOException {
        for (String f : files) {
            Files.writeString(models.resolve(f), "x");
        }
    }

    private StagesReadinessCheck check(String apiKey, PiperSettings piper, Set<String> failing, boolean warmUp)
            throws Exception {
        return check(apiKey, piper, failing, warmUp, null);
    }

    /** @param openaiHold when set, the openai engines' warm-up waits for it (started, not awaited, by the caller) */
    private StagesReadinessCheck check(String apiKey, PiperSettings piper, Set<String> failing, boolean warmUp,
                                       CountDownLatch openaiHold) throws Exception {
        TestRoutes.Route route = TestRoutes.route(List.of("local", "openai"), 5_000, 3, 60_000);
        EngineRuntime runtime = TestRoutes.runtime(new AtomicLong(), route);
        runtimes.add(runtime);
        SttRouter stt = new SttRouter(runtime.router(EngineKind.STT, List.<SttEngine>of(
                new Fake("whisper", !failing.contains("whisper")), new Fake("openai", !failing.contains("openai"), openaiHold)),
                SttEngine::name, TestRoutes.route(List.of("whisper", "openai"), 5_000, 3, 60_000)));
        LlmRouter llm = new LlmRouter(runtime.router(EngineKind.LLM, List.<LlmEngine>of(
                new Fake("llama", !failing.contains("llama")), new Fake("openai", !failing.contains("openai"), openaiHold)),
                LlmEngine::name, TestRoutes.route(List.of("llama", "openai"), 5_000, 3, 60_000)));
        TtsRouter tts = new TtsRouter(runtime.router(EngineKind.TTS, List.<TtsEngine>of(
                new Fake("piper", !failing.contains("piper")), new Fake("openai", !failing.contains("openai"), openaiHold)),
                TtsEngine::name, TestRoutes.route(List.of("piper", "openai"), 5_000, 3, 60_000)), new TtsCache(0));
        if (warmUp) {
            for (KindRouter<?> r : List.of(stt, llm, tts)) {
                r.warmUp().get(10, TimeUnit.SECONDS);
            }
        }
        this.llmRouter = llm;
        this.allRouters = List.of(stt, llm, tts);
        VadService vad = new VadService(ModelSettings.of(models), CATALOG, new VadConfig(8000,
                VadParams.DEFAULT_START_THRESHOLD, VadParams.DEFAULT_STOP_THRESHOLD, VadParams.DEFAULT_PRE_ROLL_MS,
                VadParams.DEFAULT_MIN_SPEECH_MS, VadParams.DEFAULT_END_OF_TURN_SILENCE_MS,
                VadParams.DEFAULT_BARGE_IN_ONSET_MS, VadParams.DEFAULT_TRAILING_PAD_MS, VadParams.DEFAULT_MAX_SPEECH_MS, true,
                VadConfig.DEFAULT_BATCH_WINDOW_MS));
        return new StagesReadinessCheck(vad, stt, llm, tts, new ModelFiles(models), CATALOG,
                new WhisperConfig(WHISPER, 1, 1, null), new LlamaConfig(LLAMA, 1024, 1, 1, 0, "{tools}", null, false),
                piper, new G2pConfig("renikud.onnx", "phonikud-1.0.int8.onnx",
                        "dictabert-large-char-menaked.tokenizer.json", 1),
                new OpenAiConfig("http://gpu-box:8000/v1", apiKey, null, "m", "w", "s", "v", "pcm", 24_000, 1000, 8));
    }

    private LlmRouter llmRouter;
    private List<KindRouter<?>> allRouters;

    private static final PiperSettings SHAUL = new PiperSettings("he-shaul.onnx", null, "he", "phonikud");
    private static final PiperSettings NOA = new PiperSettings("he-noa.onnx", null, "he", "renikud");

    @SuppressWarnings("unchecked")
    private static Map<String, String> stage(ReadinessCheck.Result r, String name) {
        return (Map<String, String>) r.info().get(name);
    }

    private static void assertStage(ReadinessCheck.Result r, String name, String engine, String where, String why) {
        Map<String, String> s = stage(r, name);
        assertEquals(engine, s.get("engine"), name + ": " + s);
        assertEquals(where, s.get("where"), name + ": " + s);
        assertTrue(s.get("reason").contains(why), name + " reason: " + s.get("reason"));
    }

    @Test
    void everyStageLocalWhenItsFilesAreInstalledWithTheLicenceWarningsOfWhatRuns() throws Exception {
        install("silero_vad.onnx", WHISPER, LLAMA, "he-shaul.onnx", "he-shaul.onnx.json", "phonikud-1.0.int8.onnx",
                "dictabert-large-char-menaked.tokenizer.json");
        ReadinessCheck.Result r = check(null, SHAUL, Set.of(), false).check();
        assertTrue(r.ready(), "informational: never makes the appliance not ready");
        assertStage(r, "vad", "silero", "local", "silero_vad.onnx");
        assertStage(r, "stt", "whisper", "local", "model installed (" + WHISPER + ")");
        assertStage(r, "llm", "llama", "local", "model installed (" + LLAMA + ")");
        assertStage(r, "g2p", "phonikud", "local", "voice trained on phonikud phonemes");
        assertStage(r, "tts", "piper", "local", "model installed (he-shaul.onnx)");
        assertEquals(List.of("piper-he-shaul is licensed CC-BY-NC-4.0: not for commercial use"),
                r.info().get("licenceWarnings"));
        assertTrue(r.detail().startsWith("vad: silero (local); stt: whisper (local); llm: llama (local); "
                + "g2p: phonikud (local); tts: piper (local); WARNING: piper-he-shaul"), r.detail());
    }

    @Test
    void missingLocalFilesFallBackToTheCloudNamingTheFileAndTheServer() throws Exception {
        install(LLAMA, "he-noa.onnx", "he-noa.onnx.json");   // the renikud G2P is not there
        ReadinessCheck.Result r = check("sk-test", NOA, Set.of(), false).check();
        assertStage(r, "vad", "none", "none", "agentctl models pull silero-vad-v6.2");
        assertStage(r, "stt", "openai", "cloud", "whisper: " + WHISPER + " not installed; falls back to "
                + "http://gpu-box:8000/v1");
        assertStage(r, "llm", "llama", "local", "model installed");
        assertStage(r, "tts", "openai", "cloud", "piper: renikud.onnx not installed; falls back to");
        assertStage(r, "g2p", "none", "none", "only the local Piper voice needs a G2P");
        assertEquals(List.of(), r.info().get("licenceWarnings"), "the stories model is MIT; nothing NC runs");

        install("renikud.onnx");
        ReadinessCheck.Result withG2p = check("sk-test", NOA, Set.of(), false).check();
        assertStage(withG2p, "g2p", "renikud", "local", "renikud phonemes");
        assertStage(withG2p, "tts", "piper", "local", "he-noa.onnx");
        assertTrue(((List<?>) withG2p.info().get("licenceWarnings")).stream()
                .anyMatch(w -> w.toString().contains("g2p-he-renikud has no known licence")), withG2p.toString());
    }

    @Test
    void withNeitherLocalFilesNorAnApiKeyAStageIsServedByNothingAndSaysWhy() throws Exception {
        ReadinessCheck.Result r = check(null, SHAUL, Set.of(), false).check();
        assertStage(r, "stt", "none", "none", "whisper: " + WHISPER + " not installed, openai: no API key "
                + "(moked.openai.api-key)");
        assertStage(r, "llm", "none", "none", "llama: " + LLAMA + " not installed");
        assertStage(r, "tts", "none", "none", "piper: he-shaul.onnx not installed");
    }

    @Test
    void afterWarmUpTheLiveRoutersDecideAndTheSkippedEnginesSayWhy() throws Exception {
        install(WHISPER, LLAMA, "he-shaul.onnx", "he-shaul.onnx.json");
        ReadinessCheck.Result r = check("sk-test", SHAUL, Set.of("whisper", "piper"), true).check();
        assertStage(r, "stt", "openai", "cloud", "whisper failed: whisper model missing; openai warm");
        assertStage(r, "llm", "llama", "local", "llama warm");
        assertStage(r, "tts", "openai", "cloud", "piper failed");
        assertStage(r, "g2p", "none", "none", "only the local Piper voice");

        ReadinessCheck.Result down = check("sk-test", SHAUL, Set.of("llama", "openai"), true).check();
        assertStage(down, "llm", "none", "none", "no engine usable (llama failed: llama model missing; openai failed");
    }

    @Test
    void aWarmEngineIsNamedWhileALaterEngineInTheOrderStillWarmsUp() throws Exception {
        install(WHISPER, LLAMA, "he-shaul.onnx", "he-shaul.onnx.json");
        CountDownLatch openaiWarming = new CountDownLatch(1);
        try {
            StagesReadinessCheck check = check("sk-test", SHAUL, Set.of("piper"), false, openaiWarming);
            allRouters.forEach(KindRouter::warmUp);
            for (int i = 0; i < 1000 && llmRouter.status().get(0).readiness() != EngineStatus.Readiness.READY; i++) {
                Thread.sleep(10); // waits for llama's warm-up to finish; openai's is held
            }
            assertFalse(llmRouter.warmUpDone(), "openai's warm-up is still running");
            ReadinessCheck.Result r = check.check();
            // llama is first in the order and warm: it serves, whatever openai's warm-up says later
            assertStage(r, "llm", "llama", "local", "llama warm");
            // piper failed but openai, next in the order, is still warming: not decided yet, the files are described
            assertStage(r, "tts", "openai", "cloud", "falls back to");
        } finally {
            openaiWarming.countDown();
        }
    }
}
