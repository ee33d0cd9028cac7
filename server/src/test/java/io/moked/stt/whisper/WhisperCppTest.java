package io.moked.stt.whisper;

import com.sun.jna.Memory;
import io.moked.engine.ModelFiles;
import io.moked.engine.SharedDir;
import io.moked.engine.TestWav;
import io.moked.stt.SttEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JNA binding to whisper-jni's libwhisper.so.1 on this (x86-64 Linux) machine: it binds only to the pinned
 * build, its layout check catches a struct that is not the v1.7.1 one, and on {@link DesignedWhisperModel} it reads
 * the decoded tokens and their probabilities — the same text whisper-jni produces, plus a real confidence.
 */
class WhisperCppTest {
    @TempDir
    static Path dir;
    private static Path model;
    private static float[] speech;

    @BeforeAll
    static void writeModel() throws Exception {
        model = DesignedWhisperModel.write(dir.resolve("designed-ggml.bin"));
        speech = Arrays.copyOf(TestWav.read16k(SharedDir.find().resolve("testaudio/jfk_en_16k.wav")), 2 * 16_000);
    }

    private static WhisperBackend.Settings settings() {
        return new WhisperBackend.Settings("he", 1, 0, null);
    }

    @Test
    void bindsToTheLibraryWhisperJniExtractedAndChecksItsLayout() {
        WhisperCpp.Binding binding = WhisperCpp.bind();
        assertTrue(binding.bound(), binding.reason());
        WhisperCpp cpp = binding.cpp();
        assertEquals(WhisperCpp.SONAME, cpp.file().getFileName().toString());
        assertTrue(cpp.file().getParent().getFileName().toString().startsWith("whisper-jni-"),
                "whisper-jni's own extracted copy, not a system library: " + cpp.file());
        assertTrue(cpp.build().contains("whisper.cpp v1.7.1"), cpp.build());
        Memory copy = new Memory(WhisperFullParamsLayout.SIZE);
        copy.write(0, cpp.greedyDefaults(), 0, WhisperFullParamsLayout.SIZE);
        assertEquals(List.of(), WhisperFullParamsLayout.mismatches(copy, WhisperFullParamsLayout.GREEDY));
    }

    @Test
    void aStructWithAFieldInsertedOrAnotherDefaultFailsTheCheck() {
        byte[] defaults = WhisperCpp.bind().cpp().greedyDefaults();
        Memory shifted = new Memory(WhisperFullParamsLayout.SIZE + 8);
        shifted.clear();
        shifted.write(0, defaults, 0, 8);          // an int inserted after n_threads moves every later field
        shifted.write(12, defaults, 8, WhisperFullParamsLayout.SIZE - 8);
        List<String> wrong = WhisperFullParamsLayout.mismatches(shifted, WhisperFullParamsLayout.GREEDY);
        assertTrue(wrong.stream().anyMatch(w -> w.startsWith("n_max_text_ctx@8")), wrong.toString());
        assertTrue(wrong.stream().anyMatch(w -> w.startsWith("grammar_penalty@256")), wrong.toString());

        Memory beam = new Memory(WhisperFullParamsLayout.SIZE);
        beam.write(0, defaults, 0, WhisperFullParamsLayout.SIZE);
        assertEquals(List.of("strategy@0 = 0.0, expected 1.0", "greedy.best_of@136 = 5.0, expected -1.0",
                "beam_search.beam_size@140 = -1.0, expected 5.0"),
                WhisperFullParamsLayout.mismatches(beam, WhisperFullParamsLayout.BEAM_SEARCH));
    }

    @Test
    void readsEveryTokenAndItsProbabilityAndMatchesWhisperJnisText() throws Exception {
        WhisperCppModel cpp = WhisperCppModel.open(WhisperCpp.bind().cpp(), model);
        WhisperJniModel jni = WhisperJniModel.open(model);
        WhisperBackend.Decoder a = cpp.newDecoder();
        WhisperBackend.Decoder b = jni.newDecoder();
        try {
            WhisperBackend.WhisperResult viaJna = a.transcribe(speech, settings());
            WhisperBackend.WhisperResult viaJni = b.transcribe(speech, settings());
            assertEquals(DesignedWhisperModel.TEXT, viaJna.text());
            assertEquals(viaJni.text(), viaJna.text(), "same library, same params, same text");

            List<WhisperBackend.Token> tokens = viaJna.tokens();
            assertEquals(List.of(DesignedWhisperModel.TOKEN_KEN, DesignedWhisperModel.TOKEN_TOV,
                    DesignedWhisperModel.TOKEN_EOT), tokens.stream().map(WhisperBackend.Token::id).toList());
            assertEquals(List.of(true, true, false), tokens.stream().map(WhisperBackend.Token::text).toList(),
                    "end of text is a special token, left out of the confidence");
            tokens.forEach(t -> assertTrue(t.p() >= 0 && t.p() <= 1, t.toString()));
            // " כן": e^11.2 against ~50,000 tokens at logit 0 (the vocabulary less what whisper.cpp suppresses)
            double e = Math.exp(8 * 1.4);
            float ken = tokens.get(0).p();
            assertTrue(ken > e / (e + 51_865) && ken < e / (e + 45_000), "p(כן) = " + ken);
            assertTrue(tokens.get(1).p() > 0.95 && tokens.get(1).p() < 1, "p(טוב) = " + tokens.get(1).p());
            double geometricMean = Math.exp((Math.log(ken) + Math.log(tokens.get(1).p())) / 2);
            assertEquals(geometricMean, viaJna.confidence(), 1e-12);

            assertNull(viaJni.tokens());
            assertTrue(Double.isNaN(viaJni.confidence()), "whisper-jni gives no probabilities: unknown, not a default");
        } finally {
            a.free();
            b.free();
            cpp.close();
            jni.close();
        }
    }

    @Test
    void theEngineReportsTheConfidenceAndFallsBackToUnknownThroughWhisperJni() throws Exception {
        String file = model.getFileName().toString();
        WhisperSttEngine engine = new WhisperSttEngine(new WhisperConfig(file, 1, 1, null), new ModelFiles(dir), 1);
        WhisperSttEngine jniOnly = new WhisperSttEngine(new WhisperConfig(file, 1, 1, null), new ModelFiles(dir), 1,
                WhisperSttEngine.Binding.WHISPER_JNI);
        try {
            SttEngine.Transcript t = engine.transcribe(speech, "he");
            assertEquals(DesignedWhisperModel.TEXT, t.text());
            assertTrue(t.hasConfidence() && t.confidence() > 0.7 && t.confidence() < 0.8, "confidence " + t.confidence());
            assertTrue(engine.backendDescription().contains("token probabilities"), engine.backendDescription());

            SttEngine.Transcript u = jniOnly.transcribe(speech, "he");
            assertEquals(t.text(), u.text());
            assertFalse(u.hasConfidence());
            assertNotNull(jniOnly.backendDescription());
        } finally {
            engine.close();
            jniOnly.close();
        }
    }
}
