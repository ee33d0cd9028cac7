package io.moked.hebrew;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HebrewNumberWordsTest {
    @ParameterizedTest(name = "{0} → {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        "0 | אפס | אפס",
        "1 | אחד | אחת",
        "2 | שניים | שתיים",
        "10 | עשרה | עשר",
        "13 | שלושה עשר | שלוש עשרה",
        "19 | תשעה עשר | תשע עשרה",
        "20 | עשרים | עשרים",
        "35 | שלושים וחמישה | שלושים וחמש",
        "110 | מאה ועשרה | מאה ועשר",
        "105 | מאה וחמישה | מאה וחמש",
        "250 | מאתיים וחמישים | מאתיים וחמישים",
        "2002 | אלפיים ושניים | אלפיים ושתיים",
        "5,000 | חמשת אלפים | חמשת אלפים",
        "12,000 | שנים עשר אלף | שנים עשר אלף",
        "115,000 | מאה וחמישה עשר אלף | מאה וחמישה עשר אלף",
        "450,000 | ארבע מאות חמישים אלף | ארבע מאות חמישים אלף",
        "2,450,125 | שני מיליון ארבע מאות חמישים אלף מאה עשרים וחמישה | שני מיליון ארבע מאות חמישים אלף מאה עשרים וחמש",
        "21,000,000 | עשרים ואחד מיליון | עשרים ואחד מיליון",
        "1,000,000,000 | מיליארד | מיליארד",
        "3,000,000,000 | שלושה מיליארד | שלושה מיליארד",
    })
    void cardinalsInBothGenders(String number, String masculine, String feminine) {
        long n = Long.parseLong(number.replace(",", ""));
        assertEquals(masculine, HebrewNumberWords.cardinal(n, Gender.MASCULINE));
        assertEquals(feminine, HebrewNumberWords.cardinal(n, Gender.FEMININE));
    }

    @Test
    void twoTakesTheConstructOnlyAloneBeforeANoun() {
        assertEquals("שני", HebrewNumberWords.beforeNoun(2, Gender.MASCULINE));
        assertEquals("שתי", HebrewNumberWords.beforeNoun(2, Gender.FEMININE));
        assertEquals("עשרים ושניים", HebrewNumberWords.beforeNoun(22, Gender.MASCULINE));
        assertEquals("שלושה", HebrewNumberWords.beforeNoun(3, Gender.MASCULINE));
    }

    @Test
    void ordinalsUpToTen() {
        assertEquals("ראשון", HebrewNumberWords.ordinal(1, Gender.MASCULINE).orElseThrow());
        assertEquals("שנייה", HebrewNumberWords.ordinal(2, Gender.FEMININE).orElseThrow());
        assertEquals("עשירית", HebrewNumberWords.ordinal(10, Gender.FEMININE).orElseThrow());
        assertTrue(HebrewNumberWords.ordinal(11, Gender.FEMININE).isEmpty());
    }

    @Test
    void negativesDigitsAndLimits() {
        assertEquals("מינוס שבע", HebrewNumberWords.cardinal(-7, Gender.FEMININE));
        assertEquals("אפס חמש שתיים", HebrewNumberWords.digits("052"));
        assertThrows(IllegalArgumentException.class, () -> HebrewNumberWords.digits("05a"));
        assertThrows(IllegalArgumentException.class,
                () -> HebrewNumberWords.cardinal(HebrewNumberWords.MAX_WORDS + 1, Gender.FEMININE));
    }
}
