package io.moked.pipeline.processors;

import io.moked.pipeline.AudioHeardFrame;
import io.moked.pipeline.AudioSentFrame;
import io.moked.pipeline.BotStartedSpeakingFrame;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Playback bookkeeping driven with frames: what was sent and heard becomes each reply's outcome. */
class PlaybackProcessorTest {
    private final ProcessorHarness harness = new ProcessorHarness();
    private final PlaybackProcessor playback = harness.start(new PlaybackProcessor());

    /** A reply of two sentences whose audio the pacing placed at timeline [0, 1600). */
    private Reply placed(long id, Reply.Kind kind) {
        return placed(id, kind, 0);
    }

    /** ... at [at, at + 1600). */
    private Reply placed(long id, Reply.Kind kind, long at) {
        Reply reply = new Reply(id, kind, harness.time().nanoTime());
        reply.addSentence("שלום לך.", 0);
        reply.addSentence("מה נשמע היום?", 0);
        reply.audioPlaced(0, at, at + 800);
        reply.sentenceAudioComplete(0);
        reply.audioPlaced(1, at + 800, at + 1600);
        reply.sentenceAudioComplete(1);
        return reply;
    }

    private AudioSentFrame sent(Reply reply, long offsetMs) {
        return new AudioSentFrame(List.of(reply), new short[160], 8000, offsetMs, harness.time().nanoTime());
    }

    @Test
    void firstAudioStartsTheReplyAndTheLastHeardMarkFinishesIt() {
        Reply reply = placed(1, Reply.Kind.MODEL);
        harness.send(new ReplyStartFrame(reply));
        harness.advanceMs(700);
        harness.send(sent(reply, 4_000), sent(reply, 4_020));

        BotStartedSpeakingFrame started = harness.upstream(BotStartedSpeakingFrame.class).get(0);
        assertEquals(1, harness.upstream(BotStartedSpeakingFrame.class).size(), "once per reply");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(700), started.latencyNanos());
        assertEquals(4_000, started.startOffsetMs());
        assertEquals(Reply.State.SPEAKING, reply.state());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(700), harness.observed(MetricsFrame.class).stream()
                .filter(m -> m.stage() == MetricsFrame.Stage.TURN_LATENCY).findFirst().orElseThrow().nanos());

        harness.send(new AudioHeardFrame(800, 4_100), new ReplyEndFrame(reply));
        assertTrue(harness.upstream(ReplyPlayedFrame.class).isEmpty(), "half of it heard so far");
        harness.send(new AudioHeardFrame(1600, 4_200));
        ReplyPlayedFrame played = harness.upstream(ReplyPlayedFrame.class).get(0);
        assertSame(reply, played.reply());
        assertFalse(played.interrupted());
        assertEquals("שלום לך. מה נשמע היום?", played.spokenText());
        assertEquals(4_200, played.outcome().endOffsetMs());
        assertTrue(reply.isDone());
        assertTrue(harness.downstream().isEmpty(), "reply frames end here");
    }

    @Test
    void anInterruptedReplyIsReportedWithTheWordsHeardOnce() {
        Reply reply = placed(1, Reply.Kind.GREETING);
        harness.send(new ReplyStartFrame(reply), sent(reply, 0), new AudioHeardFrame(800, 100));
        assertTrue(harness.observed(MetricsFrame.class).stream()
                .anyMatch(m -> m.stage() == MetricsFrame.Stage.GREETING_FIRST_AUDIO));
        reply.interrupt();
        harness.send(new InterruptionFrame(reply, 0), new AudioHeardFrame(1600, 200), new ReplyEndFrame(reply));

        List<ReplyPlayedFrame> played = harness.upstream(ReplyPlayedFrame.class);
        assertEquals(1, played.size());
        assertTrue(played.get(0).interrupted());
        assertTrue(played.get(0).greeting());
        assertEquals("שלום לך.", played.get(0).spokenText());
        assertEquals(1, harness.downstream(InterruptionFrame.class).size(), "the interruption goes on");
    }

    @Test
    void aReplyInterruptedBeforeItReachedThePlaybackIsReportedUnheard() {
        Reply reply = new Reply(4, Reply.Kind.MODEL, 0);
        reply.interrupt();
        harness.send(new ReplyStartFrame(reply), new InterruptionFrame(reply, 0));
        ReplyPlayedFrame played = harness.upstream(ReplyPlayedFrame.class).get(0);
        assertTrue(played.interrupted());
        assertEquals("", played.spokenText());
        assertEquals(-1, played.latencyNanos());
    }

    @Test
    void theHangUpWaitsUntilTheGoodbyeWasHeard() {
        Reply goodbye = placed(1, Reply.Kind.MODEL);
        harness.send(new ReplyStartFrame(goodbye), sent(goodbye, 0), new ReplyEndFrame(goodbye),
                new HangupFrame(goodbye, CallEnd.AGENT_HANGUP));
        assertTrue(harness.downstream(HangupFrame.class).isEmpty(), "still playing");
        harness.send(new AudioHeardFrame(1600, 200));
        HangupFrame hangup = harness.downstream(HangupFrame.class).get(0);
        assertEquals(CallEnd.AGENT_HANGUP, hangup.ending());
        assertEquals(1, harness.upstream(ReplyPlayedFrame.class).size());
    }

    @Test
    void anInterruptedGoodbyeCancelsTheHangUpButAKeyPressDoesNot() {
        Reply goodbye = placed(1, Reply.Kind.MODEL);
        harness.send(new ReplyStartFrame(goodbye), sent(goodbye, 0), new ReplyEndFrame(goodbye),
                new HangupFrame(goodbye, CallEnd.TRANSFERRED));
        goodbye.interrupt();
        harness.send(new InterruptionFrame(goodbye, 0));
        assertTrue(harness.downstream(HangupFrame.class).isEmpty(), "the caller went on talking");

        Reply next = placed(2, Reply.Kind.MODEL, 1600);
        harness.send(new ReplyStartFrame(next), sent(next, 300));
        next.interrupt(); // the caller pressed the voicemail key
        harness.send(new InterruptionFrame(next, 0), new HangupFrame(null, CallEnd.VOICEMAIL));
        assertEquals(CallEnd.VOICEMAIL, harness.downstream(HangupFrame.class).get(0).ending());
    }

    @Test
    void theEndOfTheCallFinishesRepliesStillUnderWay() {
        Reply heard = placed(1, Reply.Kind.MODEL);
        Reply playing = placed(2, Reply.Kind.MODEL, 1600);
        harness.send(new ReplyStartFrame(heard), new ReplyStartFrame(playing), sent(heard, 0));
        heard.audioComplete();
        harness.send(new AudioHeardFrame(1600, 200), new EndFrame(CallEnd.STREAM_STOPPED));
        List<ReplyPlayedFrame> played = harness.upstream(ReplyPlayedFrame.class);
        assertEquals(2, played.size());
        assertFalse(played.get(0).interrupted());
        assertTrue(played.get(1).interrupted(), "cut by the hang-up");
        assertTrue(playing.isCancelled(), "its remaining work stops");
        assertEquals(1, harness.downstream(EndFrame.class).size());
    }
}
