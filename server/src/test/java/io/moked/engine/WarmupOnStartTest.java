package io.moked.engine;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.moked.engine.openai.FakeOpenAiServer;
import io.moked.health.ReadinessCheck;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting the server starts the engine warm-up in the background; the kinds become ready when it is done. */
class WarmupOnStartTest {
    @Test
    void serverStartWarmsEnginesAsynchronously() throws Exception {
        try (FakeOpenAiServer openai = new FakeOpenAiServer();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "micronaut.server.port", -1,
                     "moked.engines.stt.order", "openai",
                     "moked.engines.llm.order", "openai",
                     "moked.engines.tts.order", "openai",
                     "moked.openai.base-url", openai.baseUrl(),
                     "moked.openai.api-key", "test-key"))) {
            EngineWarmup warmup = server.getApplicationContext().getBean(EngineWarmup.class);
            List<EngineStatus> engines = warmup.lastRun().orElseThrow(() -> new AssertionError("no warm-up at start"))
                    .get(60, TimeUnit.SECONDS);
            assertEquals(3, engines.size());
            assertTrue(engines.stream().allMatch(e -> e.readiness() == EngineStatus.Readiness.READY), engines::toString);
            for (ReadinessCheck check : server.getApplicationContext().getBeansOfType(ReadinessCheck.class)) {
                if (List.of("stt", "llm", "tts").contains(check.name())) {
                    assertTrue(check.check().ready(), check.name() + ": " + check.check().detail());
                }
            }
        }
    }
}
