package io.moked.tts.g2p;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HebrewPhonemizerTest {
    private final HebrewPhonemizer phonemizer = new HebrewPhonemizer();

    /** Published vectors (research notes, from phonikud's README). */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "שָׁלוֹם עוֹלָם | ʃalˈom ʔolˈam",
        "כַּמָּה אַתָּה חוֹשֵׁב | kamˈa ʔatˈa χoʃˈev",
    })
    void publishedSentences(String vocalized, String ipa) {
        assertEquals(ipa, phonemizer.phonemize(vocalized));
    }

    /**
     * Rows of phonikud's published test table {@code tests/phonemize_test_tables/basic.csv} (CC BY 4.0,
     * thewh1teagle/phonikud), written there in its plain schema (x r g): compared after the modern spelling
     * (χ ʁ ɡ); rows whose expected IPA has no stress mark are compared without stress, as phonikud's test does.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "שָׁלוֹם | ʃalˈom",
        "הַשֵּׁם | haʃˈem",
        "יִשְׂרָאֵל | jisraʔˈel",
        "רוּחַ | rˈuax",
        "הָלַךְ | halˈax",
        "כָּאן | kˈan",
        "זֹאת | zˈot",
        "רָאשִׁי | raʃˈi",
        "כׇּל | kˈol",
        "חֳדָשִׁ֫ים | xodaʃˈim",
        "אַחֲרֵ֫י | ʔaxarˈej",
        "בְּֽאִשּׁ֫וּם | beʔiʃˈum",
        "נֶ֫גֶד | nˈeged",
        "וְֽהַסְּטַ֫רְטְאַפּ | vehastˈartʔap",
        "הָאַפְּלִיקַ֫צְיָה | haʔaplikˈatsja",
        "מִגּ'וֹנְרָטִ֫ים | midʒonratˈim",
        "זָ'קֵ֫ט | ʒakˈet",
        "גּ֫'וּנְיוֹר | dʒˈunjor",
        "שֶׁמְּֽשַׁוֶּ֫קֶת | ʃemeʃavˈeket",
        "צַהַ״ל | tsahal",
        "צַהַ\"ל | tsahal",
        "גָּבוֹהַּ | gavoa",
        "עִוּוּת | ʔivut",
        "טַוָּס | tavas",
        "ווֹלְט | volt",
        "אֵיבָרָיו | ʔejvarav",
        "קָרְאָה | karʔa",
    })
    void publishedTableRows(String vocalized, String plainIpa) {
        String expected = HebrewPhonemizer.modern(plainIpa);
        String actual = phonemizer.phonemize(vocalized);
        if (expected.indexOf(HebrewPhonemizer.STRESS) < 0) {
            actual = actual.replace(String.valueOf(HebrewPhonemizer.STRESS), "");
        }
        assertEquals(expected, actual);
    }

    /** Our own table: phonemizer-cases.psv, "vocalized | ipa" (70 cases over every rule). */
    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @CsvFileSource(resources = "phonemizer-cases.psv", delimiter = '|', numLinesToSkip = 1, quoteCharacter = '`')
    void ownTable(String vocalized, String ipa) {
        String out = phonemizer.phonemize(vocalized);
        assertEquals(ipa, out);
        assertTrue(out.chars().allMatch(c -> HebrewPhonemizer.ALPHABET.indexOf(c) >= 0), out);
        assertTrue(out.chars().filter(c -> c == HebrewPhonemizer.STRESS).count()
                <= out.split(" ").length, "at most one stress per word: " + out);
    }

    @Test
    void emptyAndNonHebrewGiveNothing() {
        assertEquals("", phonemizer.phonemize(null));
        assertEquals("", phonemizer.phonemize("   "));
        assertEquals("", phonemizer.phonemize("hello 42"));
    }

    @Test
    void precomposedAndDecomposedInputAgree() {
        String composed = "\uFB2Aָלוֹם"; // שׁ as one presentation-form code point
        assertEquals(phonemizer.phonemize("שָׁלוֹם"), phonemizer.phonemize(composed));
    }
}
