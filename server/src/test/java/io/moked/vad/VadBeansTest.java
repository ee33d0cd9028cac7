package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.moked.health.ReadinessCheck;
import io.moked.models.ModelCatalog;
import io.moked.models.ModelKind;
import io.moked.testing.SharedDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VadBeansTest {

    static ReadinessCheck vadCheck(ApplicationContext ctx) {
        return ctx.getBeansOfType(ReadinessCheck.class).stream().filter(c -> c.name().equals("vad")).findFirst()
                .orElseThrow();
    }

    @Test
    void missingModelMakesVadNotReadyWithTheFix(@TempDir Path dataDir) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.data-dir", dataDir.toString()))) {
            ReadinessCheck.Result result = vadCheck(ctx).check();
            assertFalse(result.ready());
            Path expected = dataDir.resolve("models").resolve("silero_vad.onnx").toAbsolutePath();
            assertTrue(result.detail().contains("VAD model missing: " + expected), result.detail());
            // the fix names the manifest entry that `agentctl models pull` knows
            String vadEntry = ctx.getBean(ModelCatalog.class).entries().stream()
                    .filter(e -> e.kind() == ModelKind.VAD).findFirst().orElseThrow().name();
            assertTrue(result.detail().contains("agentctl models pull " + vadEntry + "`"), result.detail());
            assertTrue(result.detail().contains("agentctl models import DIR"), result.detail());
            VadService service = ctx.getBean(VadService.class);
            VadModelException e = assertThrows(VadModelException.class,
                    () -> service.newProcessor(service.defaultParams()));
            assertTrue(e.getMessage().contains("agentctl models pull silero-vad"));
        }
    }

    @Test
    void modelInTheModelsDirIsLoadedAndPickedUpAfterItAppears(@TempDir Path modelsDir) throws IOException {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.models-dir", modelsDir.toString(),
                "moked.data-dir", modelsDir.resolve("data").toString()))) {
            ReadinessCheck check = vadCheck(ctx);
            assertFalse(check.check().ready());
            Files.createSymbolicLink(modelsDir.resolve("silero_vad.onnx"), SharedDir.sileroVadModel());
            ReadinessCheck.Result result = check.check();
            assertTrue(result.ready(), result.detail());
            VadService service = ctx.getBean(VadService.class);
            VadProcessor a = service.newProcessor(service.defaultParams());
            VadProcessor b = service.newProcessor(service.defaultParams().withEndOfTurnSilenceMs(900));
            assertTrue(a.asynchronous(), "batched by default: the chunks go to the model's batcher thread");
            assertEquals(VadConfig.DEFAULT_BATCH_WINDOW_MS, ctx.getBean(VadConfig.class).batchWindowMs());
            assertEquals(650, a.params().endOfTurnSilenceMs());
            assertEquals(900, b.params().endOfTurnSilenceMs());
            byte[] silence = new byte[160];
            java.util.Arrays.fill(silence, (byte) 0xFF);
            for (int i = 0; i < 50; i++) {
                assertEquals(List.of(), a.processUlaw(silence));
            }
            assertEquals(992, a.streamMs(), "the real analyzer ran: 31 chunks of 32 ms");
        }
    }

    @Test
    void corruptModelFileIsReportedNotThrownAtStartup(@TempDir Path modelsDir) throws IOException {
        Files.writeString(modelsDir.resolve("silero_vad.onnx"), "not a model");
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.models-dir", modelsDir.toString(),
                "moked.data-dir", modelsDir.resolve("data").toString()))) {
            ReadinessCheck.Result result = vadCheck(ctx).check();
            assertFalse(result.ready());
            assertTrue(result.detail().startsWith("cannot load VAD model"), result.detail());
            assertTrue(result.detail().contains("agentctl models pull silero-vad"), result.detail());
            assertTrue(result.detail().contains(ctx.getBean(VadService.class).fixHint()), result.detail());
        }
    }

    @Test
    void configBindsAndDefaultsMatchVadParams(@TempDir Path dataDir) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.vad.end-of-turn-silence-ms", "800",
                "moked.vad.barge-in-onset-ms", "96", "moked.data-dir", dataDir.toString()))) {
            VadParams p = ctx.getBean(VadConfig.class).params();
            assertEquals(800, p.endOfTurnSilenceMs());
            assertEquals(96, p.bargeInOnsetMs());
            assertEquals(VadParams.DEFAULTS.withEndOfTurnSilenceMs(800).minSpeechMs(), p.minSpeechMs());
            assertEquals(8000, ctx.getBean(VadConfig.class).sampleRateHz());
            assertTrue(ctx.getBean(VadConfig.class).batch(), "batched inference is on by default");
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.vad.batch", "false",
                "moked.data-dir", dataDir.toString()))) {
            assertFalse(ctx.getBean(VadConfig.class).batch());
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.data-dir", dataDir.toString()))) {
            assertEquals(VadParams.DEFAULTS, ctx.getBean(VadConfig.class).params(),
                    "application.yml and the code defaults agree");
        }
    }

    @Test
    void invalidConfigFailsWhenTheBeanIsCreated(@TempDir Path dataDir) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.vad.sample-rate-hz", "44100",
                "moked.data-dir", dataDir.toString()))) {
            BeanInstantiationException e = assertThrows(BeanInstantiationException.class,
                    () -> ctx.getBean(VadConfig.class));
            assertTrue(e.getMessage().contains("moked.vad.sample-rate-hz must be 8000 or 16000"), e.getMessage());
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.vad.batch-window-ms", "40",
                "moked.data-dir", dataDir.toString()))) {
            BeanInstantiationException e = assertThrows(BeanInstantiationException.class,
                    () -> ctx.getBean(VadConfig.class));
            assertTrue(e.getMessage().contains("moked.vad.batch-window-ms must be 0..32"), e.getMessage());
        }
    }
}
