package io.moked.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSafeTest {
    @Test
    void cleanTextIsReturnedAsIs() {
        String hebrew = "שלום, מדברת נועה +972501234567 😀";
        assertSame(hebrew, LogSafe.escape(hebrew, 100));
    }

    @Test
    void controlsLineBreaksAndBidiControlsAreEscaped() {
        assertEquals("a\\nb\\r\\tc\\e[31m\\u202Ed\\u2028\\u0000\\u009B\\u2066",
                LogSafe.escape("a\nb\r\tc\u001b[31m\u202Ed\u2028\u0000\u009B\u2066", 0));
    }

    @Test
    void longTextIsCutWithANoteAndNeverSplitsAnEscapeOrAPair() {
        assertEquals("abc…[+7 chars]", LogSafe.escape("abcdefghij", 3));
        assertEquals("ab…[+2 chars]", LogSafe.escape("ab\n\n", 3), "\\n is not cut in half");
        assertEquals("a…[+2 chars]", LogSafe.escape("a😀", 2), "a surrogate pair is not cut in half");
        String value = LogSafe.value("x".repeat(10_000));
        assertTrue(value.length() < LogSafe.VALUE_MAX_CHARS + 20, value);
    }

    @Test
    void aLoneSurrogateIsEscaped() {
        assertEquals("\\uD83D!", LogSafe.escape("\uD83D!", 0));
    }
}
