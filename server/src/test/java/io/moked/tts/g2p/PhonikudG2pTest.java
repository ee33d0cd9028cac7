package io.moked.tts.g2p;

import io.moked.engine.EngineException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The phonikud adapter: real HuggingFace tokenizer (DJL) + a generated diacritizer of phonikud's signature. */
class PhonikudG2pTest {
    @TempDir
    static Path dir;
    static PhonikudG2p g2p;

    @BeforeAll
    static void load() throws Exception {
        g2p = new PhonikudG2p(ModelPath.of(TestG2pModels.phonikud(dir.resolve("phonikud.onnx"))),
                ModelPath.of(TestG2pModels.phonikudTokenizer(dir.resolve("tokenizer.json"))), 1, new HebrewPhonemizer());
        g2p.warmUp();
    }

    @AfterAll
    static void close() {
        g2p.close();
    }

    @Test
    void nikudClassesAreThe29OfThePublishedOrder() {
        assertEquals(29, PhonikudG2p.NIKUD_CLASSES.length);
        assertEquals("\u05B0", PhonikudG2p.NIKUD_CLASSES[3]);
        assertEquals("\u05BB", PhonikudG2p.NIKUD_CLASSES[14]);
        assertEquals("\u05BC\u05B0", PhonikudG2p.NIKUD_CLASSES[15]);
        assertEquals("\u05BC\u05C7", PhonikudG2p.NIKUD_CLASSES[28]);
    }

    @Test
    void vocalizesFromTheLogitsOfEachCharacterToken() throws Exception {
        assertEquals(HebrewPhonemizer.normalize("שָׁלוֹ֫ם"), HebrewPhonemizer.normalize(g2p.vocalize("שלום")));
        assertEquals(HebrewPhonemizer.normalize("בְּֽ|כַּמָּ֫ה"), HebrewPhonemizer.normalize(g2p.vocalize("בכמה")));
    }

    @Test
    void plainHebrewBecomesIpaThroughThePhonemizer() throws Exception {
        assertEquals("ʃalˈom, kamˈa?", g2p.toIpa("שלום, כמה?"));
        assertEquals("bekamˈa", g2p.toIpa("בכמה"));
    }

    @Test
    void existingMarksAreReplacedNotDoubled() throws Exception {
        assertEquals("ʃalˈom", g2p.toIpa("שְׁלוּם")); // the model's marks, not the input's
        assertEquals(g2p.vocalize("שלום"), g2p.vocalize("שָׁלוֹם"));
    }

    @Test
    void missingTokenizerIsAClearError() {
        PhonikudG2p broken = new PhonikudG2p(ModelPath.of(dir.resolve("phonikud.onnx")),
                ModelPath.of(dir.resolve("missing.json")), 1,
                new HebrewPhonemizer());
        EngineException e = assertThrows(EngineException.class, broken::warmUp);
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    }
}
