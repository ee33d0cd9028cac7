package io.moked.pipeline.processors;

import io.moked.engine.Cancellation;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.SentenceFrame;
import io.moked.pipeline.TtsAudioFrame;
import io.moked.pipeline.TtsStoppedFrame;
import io.moked.pipeline.reply.Reply;
import io.moked.tts.TtsEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TTS driven with sentences and a fake synthesizer whose completion the test controls. */
class TtsProcessorTest {
    private final ProcessorHarness harness = new ProcessorHarness();
    private final FakeSynthesizer tts = new FakeSynthesizer();

    /** Speaks 100 ms of 16 kHz audio per sentence as soon as asked; completes when the test says. */
    private static final class FakeSynthesizer implements TtsProcessor.Synthesizer {
        final List<String> texts = new ArrayList<>();
        final List<Cancellation> cancels = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        boolean completeAtOnce = true;

        @Override
        public CompletableFuture<?> synthesize(String text, String language, String voice, TtsEngine.AudioSink sink,
                                               Cancellation cancel) {
            texts.add(text);
            cancels.add(cancel);
            sink.onAudio(new short[1600], 16_000);
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            if (completeAtOnce) {
                done.complete(null);
            }
            return done;
        }
    }

    private TtsProcessor start() {
        return harness.start(new TtsProcessor(tts, "he", "voice-1", text -> text.replace("2", "שתיים")));
    }

    @Test
    void sentencesAreSpokenInOrderAtTheTelephoneRateWithTheReplysFramesBehindTheirAudio() {
        start();
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        reply.addSentence("יש 2 חדרים.", 0);
        reply.addSentence("מתי נוח?", 0);
        harness.send(new ReplyStartFrame(reply), new SentenceFrame(reply, 0, "יש 2 חדרים."),
                new SentenceFrame(reply, 1, "מתי נוח?"), new ReplyEndFrame(reply),
                new HangupFrame(reply, CallEnd.AGENT_HANGUP));

        assertEquals(List.of("יש שתיים חדרים.", "מתי נוח?"), tts.texts, "spoken as normalised for speech");
        List<String> kinds = harness.downstream().stream().map(ProcessorHarness::describe).toList();
        assertEquals(List.of("reply-start", "audio:0", "stopped:0", "audio:1", "stopped:1", "reply-end",
                "hangup:agent_hangup"), kinds);
        TtsAudioFrame audio = harness.downstream(TtsAudioFrame.class).get(0);
        assertEquals(8000, audio.sampleRateHz());
        assertEquals(800, audio.pcm().length, "100 ms at 8 kHz");
        assertNotNull(reply.latency().stages().ttsFirstAudioMs(), "the reply's first TTS audio is timed");
        assertEquals(2, harness.observed(MetricsFrame.class).stream()
                .filter(m -> m.stage() == MetricsFrame.Stage.TTS_FIRST_AUDIO).count(), "per sentence");
    }

    @Test
    void anInterruptionCancelsTheSentenceBeingSpokenAndDropsTheRestOfTheReply() {
        start();
        tts.completeAtOnce = false;
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        harness.send(new ReplyStartFrame(reply), new SentenceFrame(reply, 0, "ראשון."),
                new SentenceFrame(reply, 1, "שני."), new ReplyEndFrame(reply));
        assertEquals(1, tts.texts.size(), "one sentence at a time");
        reply.interrupt();
        assertTrue(tts.cancels.get(0).isCancelled(), "the engine stops at once, before any frame arrives");
        harness.send(new InterruptionFrame(reply, 0));
        tts.pending.get(0).complete(null);
        harness.settle();

        assertEquals(1, tts.texts.size(), "the queued sentence of the interrupted reply was not synthesized");
        assertTrue(harness.downstream(TtsStoppedFrame.class).isEmpty());
        assertTrue(harness.downstream(ReplyEndFrame.class).isEmpty());
        assertEquals(1, harness.downstream(InterruptionFrame.class).size());

        Reply next = new Reply(2, Reply.Kind.MODEL, 0);
        tts.completeAtOnce = true;
        harness.send(new ReplyStartFrame(next), new SentenceFrame(next, 0, "חדש."), new ReplyEndFrame(next));
        assertEquals(List.of("ראשון.", "חדש."), tts.texts);
        assertFalse(tts.cancels.get(1).isCancelled());
        assertEquals(1, harness.downstream(ReplyEndFrame.class).size());
    }

    @Test
    void aFailedSentenceIsReportedAndTheReplyGoesOn() {
        harness.start(new TtsProcessor((text, language, voice, sink, cancel) ->
                CompletableFuture.failedFuture(new IllegalStateException("engine down")), "he", null, t -> t));
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        harness.send(new ReplyStartFrame(reply), new SentenceFrame(reply, 0, "שלום."), new ReplyEndFrame(reply));
        assertEquals(1, harness.observed(ErrorFrame.class).size());
        assertEquals(List.of("reply-start", "stopped:0", "reply-end"),
                harness.downstream().stream().map(ProcessorHarness::describe).toList());
    }
}
