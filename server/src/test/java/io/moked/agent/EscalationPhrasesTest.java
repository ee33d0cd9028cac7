package io.moked.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EscalationPhrasesTest {
    private final EscalationPhrases phrases = new EscalationPhrases(List.of("נציג", "בן אדם", "תעביר אותי",
            "Speak to a human"));

    @Test
    void wholeWordsWithHebrewPrefixesIgnoringCaseAndPunctuation() {
        assertEquals("נציג", phrases.match("אני רוצה לדבר עם נציג"));
        assertEquals("נציג", phrases.match("לנציג, בבקשה!"));
        assertEquals("בן אדם", phrases.match("אפשר בן אדם?"));
        assertEquals("תעביר אותי", phrases.match("תעביר אותי למישהו"));
        assertEquals("speak to a human", phrases.match("Please, SPEAK to a human."));
    }

    @Test
    void notInsideOtherWordsNorPartOfAPhrase() {
        assertNull(phrases.match("נציגות הבית אמרה"), "a longer word is not the phrase");
        assertNull(phrases.match("אדם אחד"), "half a phrase is not the phrase");
        assertNull(phrases.match("speak to the human"));
        assertNull(phrases.match(""));
        assertNull(new EscalationPhrases(List.of()).match("נציג"));
    }
}
