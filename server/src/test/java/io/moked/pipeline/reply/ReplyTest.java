package io.moked.pipeline.reply;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Two sentences of 800 samples each (100 ms at 8 kHz) placed back to back from timeline position 1000. */
    private static Reply twoSentences() {
        Reply reply = new Reply(3, Reply.Kind.MODEL, 0);
        reply.appendText("אחת שתיים שלוש ארבע. חמש שש.");
        assertEquals(0, reply.addSentence("אחת שתיים שלוש ארבע.", 10 * MS));
        assertEquals(1, reply.addSentence("חמש שש.", 20 * MS));
        reply.audioPlaced(0, 1000, 1800);
        reply.sentenceAudioComplete(0);
        reply.audioPlaced(1, 1800, 2600);
        reply.sentenceAudioComplete(1);
        return reply;
    }

    @Test
    void aReplyHeardToTheEndIsDoneWithAllItsSentences() {
        Reply reply = twoSentences();
        AtomicReference<Reply.Outcome> callback = new AtomicReference<>();
        reply.done().thenAccept(callback::set);
        assertEquals(Reply.State.GENERATING, reply.state());
        assertTrue(reply.firstAudioSent(150 * MS, 500));
        assertFalse(reply.firstAudioSent(170 * MS, 520), "only the first audio counts");
        assertEquals(Reply.State.SPEAKING, reply.state());
        assertEquals(150 * MS, reply.latencyNanos());
        reply.heard(2600, 900);
        assertFalse(reply.fullyHeard(), "more audio may still come until the reply's end");
        reply.audioComplete();
        assertTrue(reply.fullyHeard());

        Reply.Outcome outcome = reply.finish();
        assertEquals(Reply.State.HEARD, outcome.state());
        assertEquals("אחת שתיים שלוש ארבע. חמש שש.", outcome.spokenText());
        assertEquals(500, outcome.startOffsetMs());
        assertEquals(900, outcome.endOffsetMs());
        assertSame(outcome, callback.get(), "done callbacks get the outcome");
        assertNull(reply.finish(), "done once");
        assertFalse(reply.isCancelled());
        assertEquals(2, reply.firstUnheardSentence());
    }

    @Test
    void anInterruptedReplyIsCancelledAtOnceAndCutToTheHeardWords() {
        Reply reply = twoSentences();
        reply.firstAudioSent(0, 0);
        reply.heard(1400, 300); // half of the first sentence
        assertTrue(reply.interrupt());
        assertTrue(reply.isCancelled(), "its engine work stops");
        assertEquals(Reply.State.INTERRUPTED, reply.state());
        assertFalse(reply.isDone(), "done once what was heard is fixed");
        assertFalse(reply.interrupt(), "interrupted once");

        Reply.Outcome outcome = reply.finish();
        assertTrue(outcome.interrupted());
        assertEquals("אחת שתיים", outcome.spokenText());
        assertEquals(0, reply.firstUnheardSentence(), "a resumed reply would start again at the first sentence");
        assertTrue(reply.done().isDone());
    }

    @Test
    void theFirstUnheardSentenceIsWhereAResumeWouldStart() {
        Reply reply = twoSentences();
        reply.heard(1800, 200);
        assertEquals(1, reply.firstUnheardSentence());
        assertEquals(List.of("אחת שתיים שלוש ארבע.", "חמש שש."), reply.sentences());
        reply.interrupt();
        assertEquals("אחת שתיים שלוש ארבע.", reply.finish().spokenText());
    }

    @Test
    void aReplyCutByTheEndOfTheCallBeforeItsAudioWasHeardIsInterrupted() {
        Reply reply = twoSentences();
        Reply.Outcome outcome = reply.finish();
        assertTrue(outcome.interrupted());
        assertEquals("", outcome.spokenText());
        assertEquals(-1, outcome.latencyNanos());
        assertTrue(reply.isCancelled());
        assertFalse(reply.interrupt(), "a done reply is not interrupted again");
    }

    @Test
    void aReplyWithoutAudioIsHeardOnceItsTextIsComplete() {
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        reply.audioComplete();
        assertTrue(reply.fullyHeard());
        Reply.Outcome outcome = reply.finish();
        assertEquals(Reply.State.HEARD, outcome.state());
        assertEquals("", outcome.spokenText());
    }

    @Test
    void stagesAreConsecutiveAndAddUpToTheTurnLatency() {
        Reply reply = new Reply(1, Reply.Kind.MODEL, 1_000 * MS);
        reply.latency().userTurn(660, 1_300 * MS);
        reply.latency().firstToken(1_700 * MS);
        reply.addSentence("שלום.", 1_750 * MS);
        reply.addSentence("מה שלומך?", 1_900 * MS); // not the first: ignored
        reply.latency().ttsFirstAudio(1_850 * MS);
        reply.latency().ttsFirstAudio(1_990 * MS);
        reply.firstAudioSent(1_860 * MS, 0);

        TurnLatency.Stages s = reply.latency().stages();
        assertEquals(new TurnLatency.Stages(660, 300, 400, 50, 100, 10), s);
        assertEquals(TimeUnit.NANOSECONDS.toMillis(reply.latencyNanos()),
                s.sttMs() + s.llmFirstTokenMs() + s.firstSentenceMs() + s.ttsFirstAudioMs() + s.firstFrameSentMs());
    }

    @Test
    void theGreetingHasNoCallerOrModelStages() {
        Reply greeting = new Reply(0, Reply.Kind.GREETING, 0);
        greeting.addSentence("שלום.", 2 * MS);
        greeting.latency().ttsFirstAudio(30 * MS);
        greeting.firstAudioSent(35 * MS, 0);
        assertEquals(new TurnLatency.Stages(null, null, null, 2, 28, 5), greeting.latency().stages());
        assertTrue(greeting.isGreeting());
    }
}
