package io.moked.cli.output;

import static io.moked.cli.output.BidiLayout.UNBOUNDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Snapshots of values laid out for a terminal without bidi (visual order) and for pipes / bidi terminals (logical
 * order). Visual strings are what the terminal prints left to right; a Hebrew reader reads them right to left.
 */
class BidiLayoutTest {
    static final String BUSY = "כל הסוכנים שלנו משוחחים כרגע. נחזור אליכם ממש בקרוב, תודה שהתקשרתם לבית ביפו.";
    static final String REPEAT = "סליחה, לא שמעתי טוב. אפשר לחזור על זה?";
    static final String PRICE = "3 חדרים ב-2,450,000 ₪";
    static final String ENGLISH = "יש לנו דירה ב-Tel Aviv עם מרפסת.";

    private static List<String> visual(String text, int width, Direction fallback) {
        return BidiLayout.layout(text, width, fallback, true).lines();
    }

    private static List<String> logical(String text, int width, Direction fallback) {
        return BidiLayout.layout(text, width, fallback, false).lines();
    }

    @Test
    void aSentenceEndingInAPeriodHasItsPeriodAtTheLeftEnd() {
        assertEquals(List.of(".ופיב תיבל םתרשקתהש הדות ,בורקב שממ םכילא רוזחנ .עגרכ םיחחושמ ונלש םינכוסה לכ"),
                visual(BUSY, UNBOUNDED, Direction.LTR));
        assertEquals(List.of(BUSY), logical(BUSY, UNBOUNDED, Direction.LTR));
    }

    @Test
    void aQuestionHasItsQuestionMarkAtTheLeftEnd() {
        assertEquals(List.of("?הז לע רוזחל רשפא .בוט יתעמש אל ,החילס"), visual(REPEAT, UNBOUNDED, Direction.LTR));
        assertEquals(List.of(REPEAT), logical(REPEAT, UNBOUNDED, Direction.LTR));
    }

    @Test
    void numbersAndAPriceKeepTheirDigitsAndReadRightToLeft() {
        // read from the right: 3, rooms, at-, 2,450,000, ₪
        assertEquals(List.of("₪ 2,450,000-ב םירדח 3"), visual(PRICE, UNBOUNDED, Direction.LTR));
        assertEquals(List.of(PRICE), logical(PRICE, UNBOUNDED, Direction.LTR));
    }

    @Test
    void anEnglishWordStaysLeftToRightInsideTheHebrewSentence() {
        assertEquals(List.of(".תספרמ םע Tel Aviv-ב הריד ונל שי"), visual(ENGLISH, UNBOUNDED, Direction.LTR));
        assertEquals(List.of(ENGLISH), logical(ENGLISH, UNBOUNDED, Direction.LTR));
    }

    @Test
    void aValueWithoutLettersTakesTheFallbackDirection() {
        assertEquals(List.of("₪ 2,450,000"), visual("2,450,000 ₪", UNBOUNDED, Direction.RTL));
        assertEquals(List.of("2,450,000 ₪"), visual("2,450,000 ₪", UNBOUNDED, Direction.LTR));
        assertEquals(List.of("?"), visual("?", UNBOUNDED, Direction.RTL));
        // the first strong character wins over the fallback
        assertEquals(List.of("Tel Aviv"), visual("Tel Aviv", UNBOUNDED, Direction.RTL));
        assertEquals(Direction.RTL, BidiLayout.baseDirection("3 חדרים", Direction.LTR));
        assertEquals(Direction.LTR, BidiLayout.baseDirection("3 rooms, חדרים", Direction.RTL));
        // text inside an isolate does not decide (UAX #9 P2)
        assertEquals(Direction.LTR, BidiLayout.baseDirection("\u2067שלום\u2069 ok", Direction.RTL));
    }

    @Test
    void pairedPunctuationIsMirroredInRightToLeftRuns() {
        assertEquals(List.of("[הלועמ] (םירדח 3) הריד"), visual("דירה (3 חדרים) [מעולה]", UNBOUNDED, Direction.LTR));
        assertEquals(List.of("«הריד»  :ןופלט"), visual("טלפון:  «דירה»", UNBOUNDED, Direction.LTR));
        // brackets around English inside Hebrew resolve with the English (UAX #9 N0) and are not mirrored
        assertEquals(List.of("ד b(c) א"), visual("א b(c) ד", UNBOUNDED, Direction.LTR));
    }

    @Test
    void aLongValueWrapsInLogicalOrderThenEachLineIsReorderedFlushRight() {
        assertEquals(List.of(
                "םיחחושמ ונלש םינכוסה לכ",
                "  שממ םכילא רוזחנ .עגרכ",
                "   םתרשקתהש הדות ,בורקב",
                "             .ופיב תיבל"), visual(BUSY, 24, Direction.LTR));
        assertEquals(List.of(
                "כל הסוכנים שלנו משוחחים",
                "כרגע. נחזור אליכם ממש  ",
                "בקרוב, תודה שהתקשרתם   ",
                "לבית ביפו.             "), logical(BUSY, 24, Direction.LTR));
    }

    @Test
    void wrappedLinesKeepTheParagraphsLevels() {
        // the English words on the second line stay in reading order, and the sentence's end is on the last line
        assertEquals(List.of(
                "  הריד ונל שי",
                "םע Tel Aviv-ב",
                "       .תספרמ"), visual(ENGLISH, 14, Direction.LTR));
        // a line that starts with English is still part of the Hebrew paragraph (not a left-to-right line)
        assertEquals(List.of(
                " Dana םע השיגפה",
                ".רשעב רחמ Cohen"), visual("הפגישה עם Dana Cohen מחר בעשר.", 15, Direction.LTR));
    }

    @Test
    void aWordWiderThanTheColumnIsSplitBetweenLetters() {
        assertEquals(List.of("דגבא", "חזוה", "  יט"), visual("אבגדהוזחטי", 4, Direction.LTR));
        assertEquals(List.of("abcd", "efgh", "ij  "), visual("abcdefghij", 4, Direction.LTR));
    }

    @Test
    void niqqudStaysOnItsLetterAndTakesNoColumn() {
        String shalom = "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD"; // shin+dot+qamats, lamed, vav+holam, mem
        String olam = "\u05E2\u05D5\u05B9\u05DC\u05B8\u05DD"; // ayin, vav+holam, lamed+qamats, mem
        List<String> lines = visual(shalom + " " + olam, 4, Direction.LTR);
        assertEquals(List.of("\u05DD\u05D5\u05B9\u05DC\u05E9\u05C1\u05B8", "\u05DD\u05DC\u05B8\u05D5\u05B9\u05E2"),
                lines);
        lines.forEach(line -> assertEquals(4, BidiText.displayWidth(line), line));
    }

    @Test
    void eachLineOfAValueIsItsOwnParagraph() {
        assertEquals(List.of("       םולש", "hello      ", "?רוזחל רשפא"), visual("שלום\nhello\nאפשר לחזור?",
                UNBOUNDED, Direction.LTR));
        assertEquals(List.of("שלום       ", "hello      ", "אפשר לחזור?"), logical("שלום\nhello\nאפשר לחזור?",
                UNBOUNDED, Direction.LTR));
    }

    @Test
    void visualLinesIsTheShortForm() {
        assertEquals(visual(PRICE, 10, Direction.RTL), BidiLayout.visualLines(PRICE, 10, Direction.RTL));
        assertEquals(List.of("      םירדח 3", "₪ 2,450,000-ב"), BidiLayout.visualLines(PRICE, 13, Direction.RTL));
    }

    @Test
    void directionOfALocale() {
        assertEquals(Direction.RTL, Direction.forLocale("he-IL"));
        assertEquals(Direction.RTL, Direction.forLocale("iw"));
        assertEquals(Direction.RTL, Direction.forLocale("ar-EG"));
        assertEquals(Direction.RTL, Direction.forLocale("az-Arab"));
        assertEquals(Direction.LTR, Direction.forLocale("en-US"));
        assertEquals(Direction.LTR, Direction.forLocale("ru"));
        assertEquals(Direction.LTR, Direction.forLocale((String) null));
    }

    @Test
    void mirrorPairsAreMirroredCharactersBothWays() {
        Map<Integer, Integer> pairs = Mirroring.pairs();
        assertTrue(pairs.size() > 100, "pairs: " + pairs.size());
        pairs.forEach((from, to) -> {
            assertTrue(Character.isMirrored(from), Integer.toHexString(from));
            assertEquals(from, pairs.get(to), Integer.toHexString(from));
        });
        assertEquals('(', Mirroring.mirror(')'));
        assertEquals('a', Mirroring.mirror('a'));
    }
}
