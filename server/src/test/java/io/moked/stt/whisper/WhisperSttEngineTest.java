package io.moked.stt.whisper;

import io.moked.engine.ModelFiles;
import io.moked.engine.SharedDir;
import io.moked.engine.TestWav;
import io.moked.stt.SttEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real whisper-jni path on whisper.cpp's weightless test model (its text is meaningless: the test asserts the
 * path — load, pooled states, full transcription, segments read back — not words).
 */
class WhisperSttEngineTest {
    private static final String TEST_MODEL = "whisper-for-tests-ggml-tiny.bin";

    @Test
    void transcribesThroughPooledStates() throws Exception {
        WhisperSttEngine engine = new WhisperSttEngine(new WhisperConfig(TEST_MODEL, 2, 1, null),
                new ModelFiles(SharedDir.models()), 2);
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
                    assertNotNull(t.text());
                    assertEquals("he", t.language());
                    assertTrue(Double.isNaN(t.confidence()), "whisper-jni reports no confidence");
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
    void missingModelNamesTheFix() {
        WhisperSttEngine engine = new WhisperSttEngine(new WhisperConfig("ggml-nope.bin", 1, 1, null),
                new ModelFiles(SharedDir.models()), 1);
        var e = assertThrows(io.moked.engine.EngineException.class, engine::warmUp);
        assertTrue(e.getMessage().contains("ggml-nope.bin") && e.getMessage().contains("agentctl models"),
                e.getMessage());
    }
}
