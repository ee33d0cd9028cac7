package io.moked.pipeline;

import io.moked.pipeline.processors.SentenceAggregator;
import io.moked.pipeline.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    @Test
    void streamedTextBecomesTheReplysSentencesAsSoonAsEachIsComplete() {
        ProcessorHarness harness = new ProcessorHarness();
        harness.start(new SentenceAggregator());
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        harness.send(new ReplyStartFrame(reply), new LlmTextFrame(reply, "שלום, הגעתם"),
                new LlmTextFrame(reply, " לדירות הים. המחיר 2.5"));
        List<SentenceFrame> first = harness.downstream(SentenceFrame.class);
        assertEquals(1, first.size(), "the first sentence goes to TTS while the model writes on");
        assertEquals("שלום, הגעתם לדירות הים.", first.get(0).text());
        assertNotNull(reply.latency().stages().firstSentenceMs(), "first speakable text is timed");

        harness.send(new LlmTextFrame(reply, " מיליון! מתי נוח"), new LlmTextFrame(reply, " לך?"),
                new ReplyEndFrame(reply));
        List<SentenceFrame> sentences = harness.downstream(SentenceFrame.class);
        assertEquals(List.of(0, 1, 2), sentences.stream().map(SentenceFrame::seq).toList());
        assertEquals(List.of("שלום, הגעתם לדירות הים.", "המחיר 2.5 מיליון!", "מתי נוח לך?"), reply.sentences());
        sentences.forEach(s -> assertSame(reply, s.reply()));
        List<Frame> out = harness.downstream();
        assertTrue(out.get(0) instanceof ReplyStartFrame && out.get(out.size() - 1) instanceof ReplyEndFrame,
                "start and end around the sentences: " + out);
    }

    @Test
    void textOfAnInterruptedReplyIsNeverSpoken() {
        ProcessorHarness harness = new ProcessorHarness();
        harness.start(new SentenceAggregator());
        Reply cut = new Reply(1, Reply.Kind.MODEL, 0);
        harness.send(new ReplyStartFrame(cut), new LlmTextFrame(cut, "משפט ראשון שלא"));
        cut.interrupt();
        harness.send(new InterruptionFrame(cut, 0), new LlmTextFrame(cut, " נגמר. ועוד."), new ReplyEndFrame(cut));
        Reply next = new Reply(2, Reply.Kind.MODEL, 0);
        harness.send(new ReplyStartFrame(next), new LlmTextFrame(next, "תשובה חדשה."), new ReplyEndFrame(next));
        List<SentenceFrame> sentences = harness.downstream(SentenceFrame.class);
        assertEquals(1, sentences.size(), sentences.toString());
        assertSame(next, sentences.get(0).reply());
        assertTrue(cut.sentences().isEmpty());
    }

    @Test
    void aModelReplyStartsWithItsFirstClauseOnceEnoughWordsAreThereThenGoesBySentence() {
        ProcessorHarness harness = new ProcessorHarness();
        harness.start(new SentenceAggregator(5));
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        harness.send(new ReplyStartFrame(reply), new LlmTextFrame(reply, "כן, יש לנו"));
        assertTrue(harness.downstream(SentenceFrame.class).isEmpty(), "one word before the comma is not a clause");
        harness.send(new LlmTextFrame(reply, " כמה דירות כאלה באזור,"));
        assertTrue(harness.downstream(SentenceFrame.class).isEmpty(), "a comma at the very end may be 1,000");
        harness.send(new LlmTextFrame(reply, " ואחת מהן"), new LlmTextFrame(reply, " ממש חדשה. מתי נוח, אם"),
                new LlmTextFrame(reply, " בכלל, לבוא לראות אותה?"), new ReplyEndFrame(reply));
        assertEquals(List.of("כן, יש לנו כמה דירות כאלה באזור,", "ואחת מהן ממש חדשה.",
                "מתי נוח, אם בכלל, לבוא לראות אותה?"), reply.sentences(), "one clause first, then sentences");
    }

    @Test
    void noClauseAfterANumberInsideQuotesOrParenthesesOrWhenOff() {
        assertEquals(-1, SentenceAggregator.firstClauseEnd("יש לנו דירות של 3, 4 או 5 חדרים", 3));
        assertEquals(-1, SentenceAggregator.firstClauseEnd("הוא אמר \"אני לא בטוח, אולי מחר\" וזהו", 3));
        assertEquals(-1, SentenceAggregator.firstClauseEnd("הדירה (שלושה חדרים, קומה שנייה) פנויה", 3));
        assertEquals("לפי צה\"ל ולפי המשרד,".length(),
                SentenceAggregator.firstClauseEnd("לפי צה\"ל ולפי המשרד, זה בסדר", 4), "gershayim is part of a word");

        ProcessorHarness harness = new ProcessorHarness();
        harness.start(new SentenceAggregator(0));
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        harness.send(new ReplyStartFrame(reply), new LlmTextFrame(reply, "יש לנו כמה דירות כאלה באזור, ואחת"));
        assertTrue(harness.downstream(SentenceFrame.class).isEmpty(), "0 = sentences only");
    }

    @Test
    void aGreetingIsSplitBySentenceOnlyLikeItsAudioSynthesizedAhead() {
        ProcessorHarness harness = new ProcessorHarness();
        harness.start(new SentenceAggregator(2));
        Reply greeting = new Reply(0, Reply.Kind.GREETING, 0);
        String text = "שלום, הגעתם לדירות הים של נועה. במה אפשר לעזור?";
        harness.send(new ReplyStartFrame(greeting), new LlmTextFrame(greeting, text), new ReplyEndFrame(greeting));
        assertEquals(SentenceAggregator.sentences(text), greeting.sentences());
    }
}
