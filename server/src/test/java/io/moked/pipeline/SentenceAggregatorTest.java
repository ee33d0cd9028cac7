package io.moked.pipeline;

import io.moked.pipeline.processors.SentenceAggregator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceAggregatorTest {
    @Test
    void splitsAtSentenceEndsFollowedBySpaceButNotInsideNumbers() {
        assertEquals(List.of("שלום, הגעתם לדירות הים.", "המחיר 2.5 מיליון!", "מתי נוח לך?"),
                SentenceAggregator.sentences("שלום, הגעתם לדירות הים. המחיר 2.5 מיליון! מתי נוח לך?"));
        assertEquals(List.of("בלי נקודה בסוף"), SentenceAggregator.sentences("בלי נקודה בסוף"));
        assertEquals(List.of(), SentenceAggregator.sentences("   "));
    }

    @Test
    void veryLongRunsWithoutPunctuationAreCutSoSpeechCanStart() {
        String words = "מילה ".repeat(60);
        List<String> parts = SentenceAggregator.sentences(words);
        assertTrue(parts.size() >= 2, parts.toString());
        assertTrue(parts.get(0).length() <= 170);
        assertEquals(words.strip().replace(" ", ""), String.join("", parts).replace(" ", ""));
    }
}
