package io.moked.engine;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.moked.engine.openai.FakeOpenAiServer;
import io.moked.health.ReadinessCheck;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.LlmRouter;
import io.moked.stt.SttRouter;
import io.moked.tts.TtsRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engines wired by Micronaut from configuration: the real llama engine on stories260K from the shared models
 * folder, a whisper model that is not installed and Piper without a Hebrew G2P (both not ready, with the reason),
 * and the OpenAI-compatible engines against a fake server answering in their place.
 * <p>
 * whisper's real path is tested in WhisperSttEngineTest: whisper.cpp's weightless test model crashed natively
 * (SIGSEGV in ggml_vec_dot_f16 on its uninitialized weights) in most runs inside this full server process.
 */
class EnginesContextTest {
    private static final long WAIT_S = 120;
    private static FakeOpenAiServer openai;
    private static EmbeddedServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        openai = new FakeOpenAiServer();
        server = ApplicationContext.run(EmbeddedServer.class, Map.ofEntries(
                Map.entry("micronaut.server.port", -1),
                // POST /warmup?wait=true answers when every engine has warmed up: on a loaded 2-core machine that took
                // longer than the client's default 10 s read timeout (llama 5 s, the fake OpenAI server 10 s)
                Map.entry("micronaut.http.client.read-timeout", "60s"),
                Map.entry("moked.models-dir", SharedDir.models().toString()),
                Map.entry("moked.engines.warm-up-on-start", false),
                Map.entry("moked.engines.stt.whisper.model", "ggml-not-installed.bin"),
                Map.entry("moked.engines.llm.llama.model", "stories260K.gguf"),
                Map.entry("moked.engines.llm.llama.context-size", 1024),
                Map.entry("moked.engines.llm.engine-timeout-ms.openai", 1234),
                Map.entry("moked.openai.base-url", openai.baseUrl()),
                Map.entry("moked.openai.api-key", "test-key"),
                Map.entry("moked.openai.speech-pcm-sample-rate-hz", FakeOpenAiServer.SPEECH_RATE_HZ)));
        // POST /warmup is served on the management port only (docs/security.md)
        http = server.getApplicationContext().createBean(HttpClient.class, new java.net.URL("http://127.0.0.1:"
                + server.getApplicationContext().getBean(io.moked.health.ManagementPort.class).port()));
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
        openai.close();
    }

    private static List<ReadinessCheck> checks() {
        return server.getApplicationContext().getBeansOfType(ReadinessCheck.class).stream()
                .filter(c -> List.of("stt", "llm", "tts").contains(c.name())).toList();
    }

    @Test
    void configuredEnginesWarmUpOnPostWarmupAndReportReadiness() throws Exception {
        assertEquals(3, checks().size(), "one readiness check per engine kind");
        assertEquals(1234, server.getApplicationContext().getBean(LlmRouteConfig.class).timeoutMsFor("openai"));
        assertEquals(List.of("whisper", "openai"),
                server.getApplicationContext().getBean(SttRouter.class).engineRouter().engineNames());

        // reloading models is for this machine only: a proxied (remote) request is refused
        io.micronaut.http.client.exceptions.HttpClientResponseException refused = org.junit.jupiter.api.Assertions
                .assertThrows(io.micronaut.http.client.exceptions.HttpClientResponseException.class,
                        () -> http.toBlocking().exchange(HttpRequest.POST("/warmup", "")
                                .header("X-Forwarded-For", "203.0.113.9"), Map.class));
        assertEquals(403, refused.getStatus().getCode());
        assertTrue(refused.getResponse().getBody(String.class).orElse("").contains("only from this machine"));

        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST("/warmup?wait=true", ""), Map.class);
        assertEquals(200, response.getStatus().getCode());
        List<Map<String, Object>> engines = (List<Map<String, Object>>) response.body().get("engines");
        Map<String, String> readiness = new java.util.HashMap<>();
        for (Map<String, Object> e : engines) {
            readiness.put(e.get("kind") + "/" + e.get("engine"), (String) e.get("readiness"));
        }
        assertEquals(Map.of("stt/whisper", "FAILED", "stt/openai", "READY", "llm/llama", "READY",
                "llm/openai", "READY", "tts/piper", "FAILED", "tts/openai", "READY"), readiness);
        String piperError = engines.stream().filter(e -> "piper".equals(e.get("engine")))
                .map(e -> (String) e.get("lastError")).findFirst().orElseThrow();
        assertTrue(piperError.contains("he-shaul.onnx not found") && piperError.contains("models pull piper-he-shaul"),
                piperError);
        String whisperError = engines.stream().filter(e -> "whisper".equals(e.get("engine")))
                .map(e -> (String) e.get("lastError")).findFirst().orElseThrow();
        assertTrue(whisperError.contains("ggml-not-installed.bin") && whisperError.contains("agentctl models pull"),
                whisperError);

        for (ReadinessCheck check : checks()) {
            assertTrue(check.check().ready(), check.name() + ": " + check.check().detail());
        }

        // the routers answer through the warmed engines; the missing whisper model is skipped, not retried per call
        SttRouter stt = server.getApplicationContext().getBean(SttRouter.class);
        assertEquals("שלום עולם", stt.transcribe(new float[16_000], "he").get(WAIT_S, TimeUnit.SECONDS).text());

        LlmRouter llm = server.getApplicationContext().getBean(LlmRouter.class);
        List<String> deltas = new ArrayList<>();
        LlmEngine.Completion c = llm.chat(new ChatRequest(List.of(ChatMessage.user("Once upon a time")), List.of(),
                0.0, 8, List.of(), "CA-ctx"), deltas::add, new Cancellation()).get(WAIT_S, TimeUnit.SECONDS);
        assertFalse(deltas.isEmpty());
        assertEquals(c.text(), String.join("", deltas));

        // local Hebrew TTS is not ready (no G2P): the cloud engine answers, and a pre-synthesized phrase is cached
        TtsRouter tts = server.getApplicationContext().getBean(TtsRouter.class);
        List<short[]> audio = new ArrayList<>();
        TtsRouter.Synthesis s = tts.synthesize("שלום", "he", null, (pcm, rate) -> audio.add(pcm), new Cancellation())
                .get(WAIT_S, TimeUnit.SECONDS);
        assertEquals("openai", s.engine());
        assertEquals(FakeOpenAiServer.SPEECH_SAMPLES, s.samples());
        assertFalse(s.cached());

        tts.preSynthesize(List.of("ברוכים הבאים"), "he", null).get(WAIT_S, TimeUnit.SECONDS);
        TtsRouter.Synthesis greeting = tts.synthesize("ברוכים  הבאים", "he", null, (pcm, rate) -> { },
                new Cancellation()).get(WAIT_S, TimeUnit.SECONDS);
        assertTrue(greeting.cached(), "pre-synthesized phrase served from the cache (whitespace-normalized key)");
        assertEquals(FakeOpenAiServer.SPEECH_SAMPLES, greeting.samples());
    }
}
