package io.moked.pipeline.processors;

import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.SpeechPausedFrame;
import io.moked.pipeline.SpeechResumedFrame;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.SpeculativeTranscriptionFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.TurnEventFrame;
import io.moked.stt.SttEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speech-to-text per turn, and preemptive speech-to-text at a pause in the turn. */
class SttProcessorTest {
    private final ProcessorHarness harness = new ProcessorHarness();
    /** Each transcription asked for, completed by the test. */
    private final List<CompletableFuture<SttEngine.Transcript>> asked = new ArrayList<>();
    private final List<Integer> askedSamples = new ArrayList<>();

    SttProcessorTest() {
        harness.start(new SttProcessor((pcm, language) -> {
            CompletableFuture<SttEngine.Transcript> f = new CompletableFuture<>();
            asked.add(f);
            askedSamples.add(pcm.length);
            return f;
        }, "he"));
    }

    private List<TurnEventFrame.Event> events() {
        return harness.observed(TurnEventFrame.class).stream().map(TurnEventFrame::event).toList();
    }

    @Test
    void aTurnThatEndsAtItsPauseUsesTheTranscriptStartedAtThePause() {
        harness.send(new SpeechPausedFrame(new float[16_000], 700, 1_700));
        assertEquals(1, asked.size(), "transcribed at the pause, before the end of the turn");
        asked.get(0).complete(new SttEngine.Transcript("אני מחפש דירה", 0.9, "he"));
        harness.settle();
        assertTrue(harness.downstream(TranscriptionFrame.class).isEmpty(), "nothing before the turn ends");
        SpeculativeTranscriptionFrame ahead = harness.downstream(SpeculativeTranscriptionFrame.class).get(0);
        assertEquals("אני מחפש דירה", ahead.text(), "the agent may start the model at the pause");
        assertEquals(700, ahead.startOffsetMs());
        assertEquals(1_700, ahead.endOffsetMs());

        harness.advanceMs(400); // the rest of the end-of-turn silence
        long end = harness.time().nanoTime();
        harness.send(new SpeechSegmentFrame(new float[16_000], 700, 1_700, 650, end));
        assertEquals(1, asked.size(), "not transcribed again");
        TranscriptionFrame t = harness.downstream(TranscriptionFrame.class).get(0);
        assertEquals("אני מחפש דירה", t.text());
        assertEquals(end, t.transcribedNanos(), "for the turn, the transcript was ready when it ended");
        assertEquals(List.of(TurnEventFrame.Event.SPECULATION_USED), events());
    }

    @Test
    void whenTheCallerGoesOnThePausesTranscriptIsThrownAwayAndCounted() {
        harness.send(new SpeechPausedFrame(new float[16_000], 700, 1_700));
        asked.get(0).complete(new SttEngine.Transcript("אני מחפש", 0.9, "he"));
        harness.send(new SpeechSegmentFrame(new float[32_000], 700, 2_700, 650, harness.time().nanoTime()));
        assertEquals(List.of(16_000, 32_000), askedSamples, "the whole turn is transcribed");
        asked.get(1).complete(new SttEngine.Transcript("אני מחפש דירה בתל אביב", 0.9, "he"));
        harness.settle();
        assertEquals(List.of("אני מחפש דירה בתל אביב"),
                harness.downstream(TranscriptionFrame.class).stream().map(TranscriptionFrame::text).toList());
        assertEquals(List.of(TurnEventFrame.Event.SPECULATION_DISCARDED), events());
    }

    @Test
    void speechAfterThePauseThrowsItsTranscriptAwayAtOnceAndTellsTheAgent() {
        harness.send(new SpeechPausedFrame(new float[16_000], 700, 1_700));
        harness.send(new SpeechResumedFrame(700));
        assertEquals(List.of(TurnEventFrame.Event.SPECULATION_DISCARDED), events());
        assertEquals(1, harness.downstream(SpeechResumedFrame.class).size());
        asked.get(0).complete(new SttEngine.Transcript("אני מחפש", 0.9, "he"));
        harness.settle();
        assertTrue(harness.downstream(SpeculativeTranscriptionFrame.class).isEmpty());
        harness.send(new SpeechSegmentFrame(new float[32_000], 700, 2_700, 650, harness.time().nanoTime()));
        assertEquals(2, asked.size(), "the whole turn is transcribed");
        assertEquals(List.of(TurnEventFrame.Event.SPECULATION_DISCARDED), events(), "counted once");
    }

    @Test
    void aPausesTranscriptReadyAfterTheCallerWentOnOrTheTurnEndedIsNotOfferedAsSpeculative() {
        harness.send(new SpeechPausedFrame(new float[16_000], 700, 1_700));
        harness.send(new SpeechPausedFrame(new float[24_000], 700, 2_200)); // spoke again, paused again
        asked.get(0).complete(new SttEngine.Transcript("אני מחפש", 0.9, "he"));
        harness.settle();
        assertTrue(harness.downstream(SpeculativeTranscriptionFrame.class).isEmpty(), "the caller went on");

        harness.send(new SpeechSegmentFrame(new float[24_000], 700, 2_200, 650, harness.time().nanoTime()));
        asked.get(1).complete(new SttEngine.Transcript("אני מחפש דירה", 0.9, "he"));
        harness.settle();
        assertTrue(harness.downstream(SpeculativeTranscriptionFrame.class).isEmpty(),
                "the turn ended first: the confirmed transcription is all the agent gets");
        assertEquals(List.of("אני מחפש דירה"),
                harness.downstream(TranscriptionFrame.class).stream().map(TranscriptionFrame::text).toList());
    }
}
