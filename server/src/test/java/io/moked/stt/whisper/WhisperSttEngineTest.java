package io.moked.stt.whisper;

import io.moked.engine.ModelFiles;
import io.moked.engine.SharedDir;
import io.moked.engine.TestWav;
import io.moked.stt.SttEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's real whisper.cpp path — load, pooled states, full transcription, segments and tokens read back — on
 * {@link DesignedWhisperModel} (whisper.cpp's weightless test model runs on uninitialized tensors, which crashed
 * natively in the full server process and never yields a segment).
 */
class WhisperSttEngineTest {
    @TempDir
    static Path dir;
    private static String model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = DesignedWhisperModel.write(dir.resolve("designed-ggml.bin")).getFileName().toString();
    }

    @Test
    void transcribesThroughPooledStates() throws Exception {
        WhisperSttEngine engine = new WhisperSttEngine(new WhisperConfig(model, 2, 1, null), new ModelFiles(dir), 2);
        try {
            engine.warmUp();
            assertEquals(2, engine.statesCreated(), "one decoder state per worker, created at warm-up");
            float[] speech = TestWav.read16k(SharedDir.find().resolve("testaudio/jfk_en_16k.wav"));
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                List<Future<SttEngine.Transcript>> results = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    float[] segment = java.util.Arrays.copyOf(speech, 16_000);
                    results.add(workers.submit(() -> engine.transcribe(segment, "he")));
                }
                for (Future<SttEngine.Transcript> f : results) {
                    SttEngine.Transcript t = f.get();
                    assertEquals(DesignedWhisperModel.TEXT, t.text());
                    assertEquals("he", t.language());
                    assertTrue(t.hasConfidence(), "token probabilities read through the JNA binding");
                }
            } finally {
                workers.shutdownNow();
            }
            assertEquals(2, engine.statesCreated(), "states are reused, never created per call");
        } finally {
            engine.close();
        }
    }

    @Test
    void theCallPathForcesTheLanguageAndSizesTheAudioContext() throws Exception {
        WhisperConfig config = new WhisperConfig(model, 1, 1, null, "he", 0, true, 1000);
        WhisperSttEngine engine = new WhisperSttEngine(config, new ModelFiles(dir), 1);
        WhisperBackend.Settings s = engine.settings(config.languageFor("en"), 32_000);
        assertEquals("he", s.language(), "forced: the Hebrew fine-tune's language detection is unreliable");
        assertEquals(150, s.audioCtx(), "2 s of speech + 1 s padding = 150 encoder frames");
        assertEquals(1, s.threads());
        var p = WhisperJniModel.params(s);
        assertFalse(p.detectLanguage);
        assertEquals(0f, p.temperature);
        assertEquals(0f, p.temperatureInc, "no temperature-fallback loops while the caller waits");
        try {
            SttEngine.Transcript t = engine.transcribe(new float[16_000], "en");
            assertEquals("he", t.language());
            assertEquals(DesignedWhisperModel.TEXT, t.text(), "a sized context still decodes");
        } finally {
            engine.close();
        }
    }

    @Test
    void audioContextIsFullFixedOrSizedToTheUtterance() {
        assertEquals(0, new WhisperConfig(model, 1, 1, null).audioCtxFor(16_000 * 5), "default: full window");
        assertEquals(768, new WhisperConfig(model, 1, 1, null, "he", 768, false, 0).audioCtxFor(16_000));
        WhisperConfig sized = new WhisperConfig(model, 1, 1, null, "he", 0, true, 500);
        assertEquals(75, sized.audioCtxFor(16_000), "1 s + 0.5 s");
        assertEquals(1500, sized.audioCtxFor(16_000 * 40), "never beyond the 30 s window");
        assertEquals("de", new WhisperConfig(model, 1, 1, null, "", 0, false, 0).languageFor("de"));
    }

    @Test
    void missingModelNamesTheFix() {
        WhisperSttEngine engine = new WhisperSttEngine(new WhisperConfig("ggml-nope.bin", 1, 1, null),
                new ModelFiles(SharedDir.models()), 1);
        var e = assertThrows(io.moked.engine.EngineException.class, engine::warmUp);
        assertTrue(e.getMessage().contains("ggml-nope.bin") && e.getMessage().contains("agentctl models"),
                e.getMessage());
    }
}
