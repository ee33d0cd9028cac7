package io.moked.models;

import io.micronaut.context.ApplicationContext;
import io.moked.health.ReadinessCheck;
import io.moked.hebrew.HebrewSpeechNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.moked.models.ModelTestSupport.entry;
import static io.moked.models.ModelTestSupport.manifest;
import static io.moked.models.ModelTestSupport.randomBytes;
import static io.moked.models.ModelTestSupport.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The beans the appliance injects, bound from moked.* configuration. */
class ModelsBeansTest {
    @TempDir
    Path work;

    @Test
    void storeAndReadinessCheckFollowConfiguration() throws Exception {
        byte[] content = randomBytes(100, 41);
        Path manifest = work.resolve("manifest.yaml");
        Files.writeString(manifest, manifest(entry("m", "m.bin", null, sha256(randomBytes(100, 42)), null)));
        Path modelsDir = work.resolve("models");
        Files.createDirectories(modelsDir);
        Files.write(modelsDir.resolve("m.bin"), content);

        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "moked.data-dir", work.resolve("data").toString(),
                "moked.models-dir", modelsDir.toString(),
                "moked.models.manifest", manifest.toString(),
                "moked.hebrew.default-number-gender", "masculine"))) {
            ModelStore store = context.getBean(ModelStore.class);
            assertEquals(modelsDir.toAbsolutePath().normalize(), store.modelsDir());
            assertEquals(modelsDir.resolve("m.bin").toAbsolutePath().normalize(), store.resolve("m"));

            ModelsReadinessCheck check = context.getBean(ModelsReadinessCheck.class);
            assertTrue(check.check().ready(), "not verified yet is not a failure");
            store.verify(DownloadProgress.NONE);
            ReadinessCheck.Result result = check.check();
            assertFalse(result.ready());
            assertTrue(result.detail().contains("agentctl models pull NAME"), result.detail());

            assertEquals("שבעה", context.getBean(HebrewSpeechNormalizer.class).normalize("7"));
        }
    }

    @Test
    void modelsDirDefaultsToTheDataDir() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "moked.data-dir", work.resolve("data").toString()))) {
            assertEquals(work.resolve("data").resolve("models").toAbsolutePath().normalize(),
                    context.getBean(ModelStore.class).modelsDir());
            assertTrue(context.getBean(ModelStore.class).catalog().find("silero-vad-v6.2").isPresent());
        }
    }
}
