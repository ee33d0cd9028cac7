package io.moked.hebrew;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HebrewSpeechNormalizerTest {
    private final HebrewSpeechNormalizer normalizer = HebrewSpeechNormalizer.withDefaults();

    /** The table: speech-cases.psv, "input | expected". */
    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @CsvFileSource(resources = "speech-cases.psv", delimiter = '|', quoteCharacter = '`', numLinesToSkip = 1)
    void speaksTheTableCase(String input, String expected) {
        String spoken = normalizer.normalize(input);
        assertEquals(expected, spoken);
        assertFalse(spoken.matches(".*\\d.*"), "no digits left for the voice: " + spoken);
        assertEquals(spoken, normalizer.normalize(spoken), "normalising spoken text changes nothing");
    }

    @ParameterizedTest(name = "masculine default: {0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "7 | שבעה",
        "2 | שניים",
        "12 | שנים עשר",
        "3.5 | שלושה וחצי",
        // labels stay feminine and years stay years whatever the default
        "קומה 3 | קומה שלוש",
        "שנת 2025 | שנת אלפיים עשרים וחמש",
        // a known noun wins over the default
        "3 דירות | שלוש דירות",
    })
    void aTenantCanMakeUnknownNounsMasculine(String input, String expected) {
        HebrewSpeechNormalizer masculine = new HebrewSpeechNormalizer(
                new HebrewSpeechOptions(Gender.MASCULINE, Map.of()));
        assertEquals(expected, masculine.normalize(input));
    }

    @Test
    void tenantNounsJoinTheLexicon() {
        assertEquals("שלושה פנטהאוזים", normalizer.normalize("3 פנטהאוזים"), "unknown: gender from the -ים form");
        HebrewSpeechNormalizer withNoun = new HebrewSpeechNormalizer(
                new HebrewSpeechOptions(Gender.FEMININE, Map.of("פנטהאוזים", Gender.FEMININE)));
        assertEquals("שלוש פנטהאוזים", withNoun.normalize("3 פנטהאוזים"), "a tenant noun wins over the guess");
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertEquals("", normalizer.normalize(null));
        assertEquals("", normalizer.normalize(""));
        assertEquals("שלום", normalizer.normalize("  שלום  "));
    }

    @Test
    void numbersTooLongForWordsAreReadDigitByDigit() {
        assertEquals("אחת שתיים שלוש ארבע חמש שש שבע שמונה תשע אפס אחת שתיים שלוש",
                normalizer.normalize("1234567890123"));
    }

    @Test
    void aLongSentenceMixesEveryRule() {
        String in = "דירת 4.5 חד' ב-120 מ\"ר בקומה ה-3, מחיר ₪2,450,000. פגישה ב-21/11 ב-15:30, טל' 052-1234567";
        assertEquals("דירת ארבעה וחצי חדרים במאה ועשרים מטר רבוע בקומה השלישית, מחיר שני מיליון ארבע מאות "
                + "חמישים אלף שקלים. פגישה בעשרים ואחד בנובמבר בשלוש וחצי אחר הצהריים, טלפון אפס חמש שתיים, "
                + "אחת שתיים שלוש, ארבע חמש שש שבע", normalizer.normalize(in));
    }

    @Test
    void invalidTimesAndDatesAreLeftToTheNumberRule() {
        assertEquals("עשרים וחמש:שבעים", normalizer.normalize("25:70"));
        assertEquals("ארבעים בינואר", normalizer.normalize("40 בינואר"));
    }
}
