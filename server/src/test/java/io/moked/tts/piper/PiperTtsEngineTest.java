package io.moked.tts.piper;

import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.tts.HebrewG2p;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Piper through the real piper-jni native path with a tiny generated test voice (src/test/resources/piper, see
 * make_test_voice.py) whose config is espeak-type like the real Hebrew voices, and a table G2P (test code).
 */
class PiperTtsEngineTest {
    /** Table-driven G2P for tests only. */
    static final class TableG2p implements HebrewG2p {
        private final Map<String, String> words;

        TableG2p(Map<String, String> words) {
            this.words = words;
        }

        @Override
        public String name() {
            return "table";
        }

        @Override
        public io.moked.tts.g2p.PhonemeConvention convention() {
            return io.moked.tts.g2p.PhonemeConvention.PHONIKUD;
        }

        @Override
        public String toIpa(String text) throws EngineException {
            String ipa = words.get(text);
            if (ipa == null) {
                throw new EngineException("table", "no entry for " + text);
            }
            return ipa;
        }
    }

    private static ModelFiles voiceIn(Path dir) throws Exception {
        for (String name : List.of("test-voice.onnx", "test-voice.onnx.json")) {
            try (InputStream in = PiperTtsEngineTest.class.getResourceAsStream("/piper/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return new ModelFiles(dir);
    }

    @Test
    void hebrewWithoutG2pIsNotReadyAndSaysWhy(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = new PiperTtsEngine(new PiperSettings("test-voice.onnx", null, "he"), voiceIn(dir),
                Optional.empty());
        EngineException e = assertThrows(EngineException.class, engine::warmUp);
        assertTrue(e.getMessage().contains("no Hebrew G2P") && e.getMessage().contains("espeak"), e.getMessage());
    }

    @Test
    void hebrewIsSpokenFromG2pPhonemesThroughPiper(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = new PiperTtsEngine(new PiperSettings("test-voice.onnx", null, "he"), voiceIn(dir),
                Optional.of(new TableG2p(Map.of("שלום", "ʃaˈlom", "בוקר טוב", "ˈbokeʁ ˈtov"))));
        try {
            engine.warmUp();
            List<short[]> chunks = new ArrayList<>();
            List<Integer> rates = new ArrayList<>();
            engine.synthesize("שלום", "he", null, (pcm, rate) -> {
                chunks.add(pcm);
                rates.add(rate);
            }, new Cancellation());
            int samples = chunks.stream().mapToInt(c -> c.length).sum();
            // the test voice outputs one sample per phoneme id: BOS, pad, (phoneme, pad) x 6, EOS = 15
            assertTrue(samples >= 15, "audio from the voice: " + samples);
            assertTrue(rates.stream().allMatch(r -> r == 16_000));

            List<short[]> longer = new ArrayList<>();
            engine.synthesize("בוקר טוב", "he", null, (pcm, rate) -> longer.add(pcm), new Cancellation());
            int longerSamples = longer.stream().mapToInt(c -> c.length).sum();
            assertEquals(2 * ("ˈbokeʁ ˈtov".length() - "ʃaˈlom".length()), longerSamples - samples,
                    "two ids (phoneme + pad) per IPA codepoint: piper used our phonemes, not espeak");
        } finally {
            engine.close();
        }
    }

    @Test
    void phonemesTheVoiceCannotSayAreRefusedBeforeSynthesis(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = new PiperTtsEngine(new PiperSettings("test-voice.onnx", null, "he"), voiceIn(dir),
                Optional.of(new TableG2p(Map.of("ז'ורנל", "ʒuʁˈnal"))));
        try {
            engine.warmUp();
            EngineException e = assertThrows(EngineException.class,
                    () -> engine.synthesize("ז'ורנל", "he", null, (pcm, rate) -> { }, new Cancellation()));
            assertTrue(e.getMessage().contains("[ʒ]"), e.getMessage());
        } finally {
            engine.close();
        }
    }

    @Test
    void otherLanguagesAreLeftToTheNextEngine(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = new PiperTtsEngine(new PiperSettings("test-voice.onnx", null, "he"), voiceIn(dir),
                Optional.of(new TableG2p(Map.of())));
        try {
            EngineException e = assertThrows(EngineException.class,
                    () -> engine.synthesize("hello", "en", null, (pcm, rate) -> { }, new Cancellation()));
            assertTrue(e.getMessage().contains("speaks he, not en"), e.getMessage());
        } finally {
            engine.close();
        }
    }

    @Test
    void textPhonemeCopyKeepsTheSymbolSet(@TempDir Path dir) throws Exception {
        voiceIn(dir);
        PiperVoiceConfig config = PiperVoiceConfig.read(dir.resolve("test-voice.onnx.json"));
        assertEquals("espeak", config.phonemeType());
        Path copy = config.writeTextPhonemeCopy(dir.resolve("derived"), "test-voice.onnx");
        PiperVoiceConfig derived = PiperVoiceConfig.read(copy);
        assertEquals("text", derived.phonemeType());
        assertEquals(16_000, derived.sampleRateHz());
        assertTrue(derived.unknownSymbols("ʃaˈlom").isEmpty());
        assertEquals(java.util.Set.of("ʒ"), derived.unknownSymbols("ʒa"));
    }
}
