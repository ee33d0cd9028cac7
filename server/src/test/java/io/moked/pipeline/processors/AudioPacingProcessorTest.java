package io.moked.pipeline.processors;

import io.moked.pipeline.FarEndLog;
import io.moked.pipeline.AudioHeardFrame;
import io.moked.pipeline.AudioSentFrame;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.MarkEchoFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.TtsAudioFrame;
import io.moked.pipeline.TtsStoppedFrame;
import io.moked.pipeline.reply.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output pacing on virtual time: real-time pace with marks, echoes to heard positions, clear on barge-in. */
class AudioPacingProcessorTest {
    private static final int CHUNK_MS = 20;
    private static final int LEAD_MS = 60;
    private static final int SAMPLES_PER_CHUNK = 160;

    private final ProcessorHarness harness = new ProcessorHarness();
    private final FarEndLog far = new FarEndLog();
    private Reply reply;

    @BeforeEach
    void start() {
        harness.start(new AudioPacingProcessor(far, harness.executor(), harness.time(), harness.time(), CHUNK_MS,
                LEAD_MS, 1_000));
        reply = new Reply(1, Reply.Kind.MODEL, harness.time().nanoTime());
        reply.addSentence("שלום לך.", 0);
        harness.send(new StartFrame(harness.time().nanoTime()), new ReplyStartFrame(reply));
    }

    /** {@code ms} of audio for sentence 0 of the reply. */
    private void audio(int ms) {
        harness.send(new TtsAudioFrame(reply, 0, new short[ms * 8], 8000));
    }

    /** Twilio echoes a mark: it enters at the pacing, as the call's socket queues it. */
    private void echo(MarkEchoFrame frame) {
        harness.pipeline().queueAt(harness.pipeline().processors().get(1), frame);
    }

    @Test
    void audioLeavesAtRealTimePaceWithAMarkAfterEachChunk() {
        audio(200);
        // at once: the lead plus one chunk; then one chunk per chunk of time
        assertEquals((LEAD_MS + CHUNK_MS) / CHUNK_MS, far.count("media"));
        harness.advanceMs(CHUNK_MS);
        assertEquals(5, far.count("media"));
        harness.advanceMs(500);
        assertEquals(10, far.count("media"));
        for (int i = 0; i < far.events.size(); i += 2) {
            assertEquals("media", far.events.get(i));
            assertEquals("mark:" + (i / 2 + 1), far.events.get(i + 1));
        }
        List<AudioSentFrame> sent = harness.downstream(AudioSentFrame.class);
        assertEquals(10, sent.size());
        assertSame(reply, sent.get(0).replies().get(0));
        assertEquals(0, sent.get(0).offsetMs());
        assertEquals(180, sent.get(9).offsetMs(), "chunks play back to back on the stream");
        assertEquals(sent, harness.observed(AudioSentFrame.class), "observers (the recording) see what was sent");
    }

    @Test
    void aPartialLastChunkWaitsForTheEndOfTheSentence() {
        audio(30);
        assertEquals(1, far.count("media"));
        harness.advanceMs(200);
        assertEquals(1, far.count("media"), "10 ms are not a chunk yet");
        harness.send(new TtsStoppedFrame(reply, 0));
        assertEquals(2, far.count("media"));
    }

    @Test
    void echoedMarksBecomeHeardPositionsOnTheReplysTimeline() {
        audio(100);
        harness.advanceMs(100);
        harness.send(new TtsStoppedFrame(reply, 0), new ReplyEndFrame(reply));
        echo(new MarkEchoFrame("3", 0));
        harness.settle();
        AudioHeardFrame heard = harness.downstream(AudioHeardFrame.class).get(0);
        assertEquals(3 * SAMPLES_PER_CHUNK, heard.position());
        assertEquals(60, heard.offsetMs());
        echo(new MarkEchoFrame("bogus", 0));
        echo(new MarkEchoFrame("5", 0));
        harness.settle();
        assertEquals(2, harness.downstream(AudioHeardFrame.class).size(), "unknown marks are ignored");
        assertEquals(5 * SAMPLES_PER_CHUNK, harness.downstream(AudioHeardFrame.class).get(1).position());
        reply.audioComplete();
        reply.heard(harness.downstream(AudioHeardFrame.class).get(1).position(), 100);
        assertTrue(reply.fullyHeard(), "the pacing placed the reply's audio where the marks say");
        assertEquals(1, harness.downstream(ReplyEndFrame.class).size());
    }

    @Test
    void marksNotEchoedCountAsHeardAfterTheMarkTimeout() {
        audio(40);
        harness.advanceMs(900);
        assertTrue(harness.downstream(AudioHeardFrame.class).isEmpty());
        harness.advanceMs(200);
        List<AudioHeardFrame> heard = harness.downstream(AudioHeardFrame.class);
        assertEquals(List.of(SAMPLES_PER_CHUNK, 2 * SAMPLES_PER_CHUNK),
                heard.stream().map(h -> (int) h.position()).toList(), "each overdue mark at its own time");
    }

    @Test
    void bargeInClearsTheFarEndAndNothingOfTheReplyIsSentAfter() {
        audio(400);
        harness.advanceMs(100);
        long sentBefore = far.count("media");
        reply.interrupt();
        harness.send(new InterruptionFrame(reply, harness.time().nanoTime()));
        assertEquals("clear", far.events.get(far.events.size() - 1));
        harness.advanceMs(1_000);
        assertEquals(sentBefore, far.count("media"), "audio after the clear");
        assertTrue(harness.observed(MetricsFrame.class).stream()
                .anyMatch(m -> m.stage() == MetricsFrame.Stage.BARGE_IN_TO_CLEAR));
        // the far end echoes the cleared marks at once: they are not "heard"
        echo(new MarkEchoFrame("7", 0));
        harness.settle();
        assertTrue(harness.downstream(AudioHeardFrame.class).isEmpty());
        assertEquals(1, harness.downstream(InterruptionFrame.class).size());
    }

    @Test
    void anInterruptionWithNothingPlayingSendsNoClear() {
        reply.interrupt();
        harness.send(new InterruptionFrame(reply, harness.time().nanoTime()));
        assertEquals(0, far.count("clear"));
    }

    @Test
    void theEndOfTheCallStopsTheOutput() {
        audio(400);
        harness.send(new EndFrame(CallEnd.STREAM_STOPPED));
        long sent = far.count("media");
        harness.advanceMs(2_000);
        assertEquals(sent, far.count("media"));
        assertEquals(1, harness.downstream(EndFrame.class).size());
    }
}
