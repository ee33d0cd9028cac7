package io.moked.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BidiTextTest {
    @Test
    void hebrewWordIsReversedForLeftToRightDisplay() {
        assertEquals("םולש", BidiText.toVisual("שלום"));
    }

    @Test
    void leftToRightTextIsReturnedUnchanged() {
        String text = "tenant tel-aviv-homes (3 numbers)";
        assertSame(text, BidiText.toVisual(text));
        assertFalse(BidiText.needsBidi(text));
    }

    @Test
    void bracketsInRightToLeftTextAreMirroredAndNumbersStayLeftToRight() {
        assertEquals("(םירדח 3) הריד", BidiText.toVisual("דירה (3 חדרים)"));
        assertEquals("050-1234567 ןופלט", BidiText.toVisual("טלפון 050-1234567"));
    }

    @Test
    void hebrewInsideAnEnglishLineIsReorderedInPlace() {
        assertEquals("Agency: ביבא לת ן״לדנ", BidiText.toVisual("Agency: נדל״ן תל אביב"));
    }

    @Test
    void niqqudStaysOnItsLetter() {
        // shin + shin dot + qamats, lamed, vav + holam, final mem
        String logical = "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD";
        String visual = "\u05DD\u05D5\u05B9\u05DC\u05E9\u05C1\u05B8";
        assertEquals(visual, BidiText.toVisual(logical));
        assertEquals(4, BidiText.displayWidth(logical));
    }

    @Test
    void eachLineIsItsOwnParagraph() {
        assertEquals("םולש\nhello\nok יבא", BidiText.toVisual("שלום\nhello\nאבי ok"));
    }

    @Test
    void displayWidthCountsColumnsNotChars() {
        assertEquals(5, BidiText.displayWidth("hello"));
        assertEquals(4, BidiText.displayWidth("שלום"));
        assertEquals(4, BidiText.displayWidth("日本"));
        assertEquals(2, BidiText.displayWidth("a\u200Fb")); // RLM takes no column
        assertEquals(2, BidiText.displayWidth("\uD83C\uDFE0")); // house emoji: wide
        assertEquals(3, BidiText.displayWidth("\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9")); // niqqud: none
        assertEquals(2, BidiText.displayWidth("\uFF21\u0301")); // fullwidth A with a combining acute
        assertEquals(1, BidiText.displayWidth("\u20AA")); // shekel sign
    }

    @Test
    void briefNeverCutsInsideACharacter() {
        assertEquals("\uD83C\uDFE0…", Formats.brief("\uD83C\uDFE0\uD83C\uDFE0\uD83C\uDFE0", 4));
        assertEquals("\u05E9\u05C1\u05B8\u05DC…", Formats.brief("\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD", 6));
        assertEquals("short", Formats.brief("short\nsecond line", 10));
    }
}
