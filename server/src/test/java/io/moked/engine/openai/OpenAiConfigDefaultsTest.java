package io.moked.engine.openai;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The documented default base URL survives application.yml's placeholder syntax: a default containing colons
 * (https://...) must be quoted, or Micronaut reads "https" as another property name and binds "//api.openai.com/v1".
 */
class OpenAiConfigDefaultsTest {
    @Test
    void defaultBaseUrlIsOpenAisWhenTheEnvironmentSetsNone(@TempDir Path dataDir) {
        String fromEnv = System.getenv("MOKED_OPENAI_BASE_URL");
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.data-dir", dataDir.toString(),
                "moked.engines.warm-up-on-start", "false"))) {
            String expected = fromEnv == null || fromEnv.isBlank() ? "https://api.openai.com/v1" : fromEnv;
            assertEquals(expected, ctx.getBean(OpenAiConfig.class).baseUrl());
        }
    }
}
