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
}
