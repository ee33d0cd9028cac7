package io.moked.tts.g2p;

import io.moked.engine.EngineException;
import io.moked.onnx.OnnxModelWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renikud adapter on a generated model of renikud's signature whose logits the test chose. */
class RenikudG2pTest {
    @TempDir
    static Path dir;
    static RenikudG2p g2p;

    @BeforeAll
    static void load() throws Exception {
        g2p = new RenikudG2p(ModelPath.of(TestG2pModels.renikud(dir.resolve("renikud.onnx"))), 1);
        g2p.warmUp();
    }

    @AfterAll
    static void close() {
        g2p.close();
    }

    @Test
    void decodesConsonantVowelAndOneStressPerWord() throws Exception {
        // ש: best raw consonant "m" is not allowed for ש → ʃ; ו has the highest stress logit of its word
        assertEquals("ʃalˈom", g2p.toIpa("שלום"));
    }

    @Test
    void wordFinalHetWithPatahIsFurtive() throws Exception {
        assertEquals("baʁˈaχ", g2p.toIpa("ברח"));
    }

    @Test
    void gereshTakesTheGereshConsonantAndIsNotSpoken() throws Exception {
        assertEquals("dʒˈam", g2p.toIpa("ג'ם"));
        assertEquals("dʒˈam", g2p.toIpa("ג׳ם"));
    }

    @Test
    void punctuationAndSpacingPassThroughAndNiqqudOrDigitsDoNot() throws Exception {
        assertEquals("ʃalˈom, baʁˈaχ.", g2p.toIpa("שָׁלוֹם,  ברח ."));
        assertEquals("ʃalˈom", g2p.toIpa("שלום 42"));
    }

    @Test
    void longTextIsCutBetweenWords() throws Exception {
        String text = "שלום ".repeat(120);
        assertTrue(text.length() > RenikudG2p.MAX_CHARS);
        assertEquals(("ʃalˈom ".repeat(120)).strip(), g2p.toIpa(text));
    }

    @Test
    void aModelWithoutRenikudMetadataIsRefusedClearly() throws Exception {
        Path bare = new OnnxModelWriter()
                .input("input_ids", OnnxModelWriter.INT64, 1, "T")
                .output("out", OnnxModelWriter.INT64, 1, "T")
                .node("Identity", List.of("input_ids"), List.of("out"))
                .write(dir.resolve("bare.onnx"));
        RenikudG2p wrong = new RenikudG2p(ModelPath.of(bare), 1);
        EngineException e = assertThrows(EngineException.class, wrong::warmUp);
        assertTrue(e.getMessage().contains("not a renikud ONNX export"), e.getMessage());
        RenikudG2p missing = new RenikudG2p(ModelPath.of(dir.resolve("nope.onnx")), 1);
        assertTrue(assertThrows(EngineException.class, missing::warmUp).getMessage().contains("nope.onnx"));
        assertTrue(Files.exists(bare));
    }
}
