package io.moked.tts.piper;

import io.moked.audio.Resampler;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.tts.HebrewG2p;
import io.moked.tts.g2p.ModelPath;
import io.moked.tts.g2p.PhonemeConvention;
import io.moked.tts.g2p.RenikudG2p;
import io.moked.tts.g2p.TestG2pModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Piper from phonemes: G2P → the voice's phoneme ids → onnxruntime, on a generated voice of Piper's signature. */
class PiperTtsEngineTest {
    /** Table-driven G2P for tests only. */
    static final class TableG2p implements HebrewG2p {
        private final Map<String, String> words;
        private final PhonemeConvention convention;

        TableG2p(Map<String, String> words, PhonemeConvention convention) {
            this.words = words;
            this.convention = convention;
        }

        @Override
        public String name() {
            return "table-" + convention.id();
        }

        @Override
        public PhonemeConvention convention() {
            return convention;
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

    /** Piper ids of the test voice's map (test-voice.onnx.json). */
    private static final Map<String, Long> IDS = Map.ofEntries(Map.entry("_", 0L), Map.entry("^", 1L),
            Map.entry("$", 2L), Map.entry(" ", 3L), Map.entry(",", 5L), Map.entry(".", 6L), Map.entry("a", 8L),
            Map.entry("b", 9L), Map.entry("e", 11L), Map.entry("k", 17L), Map.entry("l", 18L), Map.entry("m", 19L),
            Map.entry("o", 21L), Map.entry("t", 24L), Map.entry("v", 26L), Map.entry("ʃ", 28L), Map.entry("ʁ", 29L),
            Map.entry("ˈ", 32L));

    private static long[] expectedIds(String ipa) {
        List<Long> ids = new ArrayList<>(List.of(IDS.get("^"), IDS.get("_")));
        for (char c : ipa.toCharArray()) {
            ids.add(IDS.get(String.valueOf(c)));
            ids.add(IDS.get("_"));
        }
        ids.add(IDS.get("$"));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static PiperTtsEngine engine(Path dir, String phonemes, List<HebrewG2p> g2ps) throws Exception {
        TestPiperVoice.write(dir, "he-test.onnx");
        return new PiperTtsEngine(new PiperSettings("he-test.onnx", null, "he", phonemes), new ModelFiles(dir), g2ps);
    }

    private static List<short[]> speak(PiperTtsEngine engine, String text, Cancellation cancel) throws Exception {
        List<short[]> chunks = new ArrayList<>();
        engine.synthesize(text, "he", null, (pcm, rate) -> {
            assertEquals(TestPiperVoice.SAMPLE_RATE_HZ, rate);
            chunks.add(pcm);
        }, cancel);
        return chunks;
    }

    @Test
    void ipaBecomesTheVoicesPhonemeIdsAndAudioOfTheExpectedLengthAt8kHz(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = engine(dir, "phonikud",
                List.of(new TableG2p(Map.of("שלום", "ʃalˈom"), PhonemeConvention.PHONIKUD)));
        try {
            engine.warmUp();
            List<short[]> chunks = speak(engine, "שלום", new Cancellation());
            assertEquals(1, chunks.size());
            long[] ids = expectedIds("ʃalˈom");
            assertArrayEquals(ids, TestPiperVoice.idsFrom(chunks.get(0)), "BOS, pad, (phoneme, pad)..., EOS");
            assertEquals(ids.length * TestPiperVoice.SAMPLES_PER_ID, chunks.get(0).length);
            short[] telephone = new Resampler(TestPiperVoice.SAMPLE_RATE_HZ, 8000).process(chunks.get(0));
            int expected8k = ids.length * TestPiperVoice.SAMPLES_PER_ID / 2;
            assertTrue(Math.abs(telephone.length - expected8k) <= 1, telephone.length + " vs " + expected8k);
        } finally {
            engine.close();
        }
    }

    @Test
    void eachClauseIsSpokenAsSoonAsItIsReadyAndABargeInStopsBetweenClauses(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = engine(dir, "phonikud", List.of(new TableG2p(
                Map.of("שלום, בוקר טוב.", "ʃalˈom, bˈokeʁ tˈov."), PhonemeConvention.PHONIKUD)));
        try {
            List<short[]> chunks = speak(engine, "שלום, בוקר טוב.", new Cancellation());
            assertEquals(2, chunks.size(), "one chunk per clause");
            assertArrayEquals(expectedIds("ʃalˈom,"), TestPiperVoice.idsFrom(chunks.get(0)));
            assertArrayEquals(expectedIds("bˈokeʁ tˈov."), TestPiperVoice.idsFrom(chunks.get(1)));

            Cancellation cancel = new Cancellation();
            List<short[]> heard = new ArrayList<>();
            engine.synthesize("שלום, בוקר טוב.", "he", null, (pcm, rate) -> {
                heard.add(pcm);
                cancel.cancel();
            }, cancel);
            assertEquals(1, heard.size(), "cancelled after the first clause");
        } finally {
            engine.close();
        }
    }

    @Test
    void theRealRenikudAdapterFeedsTheVoice(@TempDir Path dir) throws Exception {
        RenikudG2p renikud = new RenikudG2p(ModelPath.of(TestG2pModels.renikud(dir.resolve("renikud.onnx"))), 1);
        PiperTtsEngine engine = engine(dir, "renikud", List.of(renikud));
        try {
            List<short[]> chunks = speak(engine, "שלום", new Cancellation());
            assertArrayEquals(expectedIds("ʃalˈom"), TestPiperVoice.idsFrom(chunks.get(0)));
            assertEquals("renikud", engine.g2pName());
        } finally {
            engine.close();
            renikud.close();
        }
    }

    @Test
    void noG2pOfTheVoicesConventionIsNotReadyAndSaysWhy(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = engine(dir, "phonikud",
                List.of(new TableG2p(Map.of(), PhonemeConvention.RENIKUD)));
        EngineException e = assertThrows(EngineException.class, engine::warmUp);
        assertTrue(e.getMessage().contains("no Hebrew G2P of the phonikud convention")
                && e.getMessage().contains("espeak"), e.getMessage());
    }

    @Test
    void aG2pNamedAgainstTheVoicesConventionIsRefused(@TempDir Path dir) throws Exception {
        TestPiperVoice.write(dir, "he-test.onnx");
        PiperTtsEngine engine = new PiperTtsEngine(
                new PiperSettings("he-test.onnx", null, "he", "phonikud", "table-renikud", 0, 1),
                new ModelFiles(dir), List.of(new TableG2p(Map.of(), PhonemeConvention.RENIKUD),
                        new TableG2p(Map.of(), PhonemeConvention.PHONIKUD)));
        EngineException e = assertThrows(EngineException.class, engine::warmUp);
        assertTrue(e.getMessage().contains("produces renikud phonemes but the voice he-test.onnx was trained on "
                + "phonikud"), e.getMessage());
    }

    @Test
    void phonemesTheVoiceCannotSayAreRefusedBeforeSynthesis(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = engine(dir, "phonikud",
                List.of(new TableG2p(Map.of("ז'ורנל", "ʒuʁnˈal"), PhonemeConvention.PHONIKUD)));
        try {
            EngineException e = assertThrows(EngineException.class,
                    () -> speak(engine, "ז'ורנל", new Cancellation()));
            assertTrue(e.getMessage().contains("[ʒ]"), e.getMessage());
        } finally {
            engine.close();
        }
    }

    @Test
    void otherLanguagesAreLeftToTheNextEngine(@TempDir Path dir) throws Exception {
        PiperTtsEngine engine = engine(dir, "phonikud", List.of());
        EngineException e = assertThrows(EngineException.class,
                () -> engine.synthesize("hello", "en", null, (pcm, rate) -> { }, new Cancellation()));
        assertTrue(e.getMessage().contains("speaks he, not en"), e.getMessage());
    }

    @Test
    void clausesKeepTheirPunctuationAndDropEmptyPieces() {
        assertEquals(List.of("ʃalˈom,", "ma ʃlomχˈa?"), PiperTtsEngine.clauses("ʃalˈom, ma ʃlomχˈa?"));
        assertEquals(List.of("tˈov ."), PiperTtsEngine.clauses("tˈov ..."));
        assertEquals(List.of(), PiperTtsEngine.clauses(" . "));
        assertTrue(Arrays.asList(PiperTtsEngine.clauses("a.b").toArray()).size() == 2);
    }
}
