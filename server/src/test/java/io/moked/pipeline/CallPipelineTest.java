package io.moked.pipeline;

import io.moked.agent.AgentProcessor;
import io.moked.agent.AgentSettings;
import io.moked.llm.ChatMessage;
import io.moked.llm.ToolCall;
import io.moked.agent.Keypad;
import io.moked.pipeline.processors.AudioPacingProcessor;
import io.moked.pipeline.processors.PlaybackProcessor;
import io.moked.pipeline.processors.SentenceAggregator;
import io.moked.pipeline.processors.SttProcessor;
import io.moked.pipeline.processors.TtsProcessor;
import io.moked.pipeline.processors.VadFrameProcessor;
import io.moked.testing.FakeLlmEngine;
import io.moked.testing.FakeSttEngine;
import io.moked.testing.FakeTtsEngine;
import io.moked.testing.RecordingMediaOutput;
import io.moked.testing.TestEngines;
import io.moked.vad.SpeechProbabilitySource;
import io.moked.vad.VadParams;
import io.moked.vad.VadProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.moked.pipeline.FrameProcessorTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The processors of a call wired together, driven with frames, with fake engines and a recording far end. */
class CallPipelineTest {
    private static final int CHUNK_MS = 20;
    private static final int LEAD_MS = 40;
    private static final String REPLY = "שלום וברוך הבא. יש לנו דירות רבות במרכז העיר ואשמח לספר לך עליהן. מה התקציב שלך?";

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<Frame> observed = new CopyOnWriteArrayList<>();
    private TestEngines engines;

    @AfterEach
    void stop() {
        if (engines != null) {
            engines.close();
        }
        pool.shutdownNow();
        scheduler.shutdownNow();
    }

    private record Call(Pipeline pipeline, AgentProcessor agent, RecordingMediaOutput far) {
    }

    private Call call(FakeLlmEngine llm, FakeTtsEngine tts, String greeting, boolean echoMarks) {
        AgentSettings settings = AgentSettings.plain(greeting, "he",
                Keypad.of(new java.util.LinkedHashMap<>(Map.of("0", "transfer", "9", "hangup", "8", "voicemail",
                        "5", "repeat")), true), "[key {digit}]", "engine error message");
        engines = new TestEngines(new FakeSttEngine(i -> "אני מחפש דירה"), llm, tts);
        AgentProcessor agent = new AgentProcessor(io.moked.agent.TestAgent.loop(engines.llm::chat, pool,
                "system prompt"), settings, AgentProcessor.ToolTurns.NONE);
        RecordingMediaOutput far = new RecordingMediaOutput(scheduler, echoMarks);
        AudioPacingProcessor output = new AudioPacingProcessor(far, scheduler, Wakeups.on(scheduler),
                io.moked.audio.MonotonicClock.SYSTEM, CHUNK_MS, LEAD_MS, 2_000);
        PipelineContext context = new PipelineContext(pool, Map.of("callSid", "CA-test", "tenant", "t"));
        context.addObserver((processor, frame, direction) -> {
            if (!(frame instanceof AudioSentFrame)) {
                observed.add(frame);
            }
        });
        Pipeline pipeline = new Pipeline(List.of(
                new SttProcessor(engines.stt::transcribe, "he"),
                agent, new SentenceAggregator(), new TtsProcessor(engines.tts::synthesize, "he", null, text -> text),
                output, new PlaybackProcessor()),
                context, frame -> {
                    if (frame instanceof HangupFrame hangup) {
                        far.ended(hangup.ending());
                    }
                });
        far.attach(pipeline, output);
        pipeline.queue(new StartFrame(System.nanoTime()));
        return new Call(pipeline, agent, far);
    }

    private <T extends Frame> List<T> observed(Class<T> type) {
        return observed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static void userSaid(Call call) {
        long now = System.nanoTime();
        call.pipeline().queue(new TranscriptionFrame("אני מחפש דירה", 0.9, "he", 0, 1500, 650, now, now));
    }

    @Test
    void replyIsPacedWithAMarkAfterEachChunkAndReportedAsHeardWhenAllMarksEcho() throws Exception {
        Call call = call(new FakeLlmEngine(List.of(REPLY), 5), new FakeTtsEngine(10, 5), "", true);
        userSaid(call);
        waitUntil(() -> !observed(ReplyPlayedFrame.class).isEmpty());

        ReplyPlayedFrame played = observed(ReplyPlayedFrame.class).get(0);
        assertFalse(played.interrupted());
        assertEquals(REPLY, played.spokenText());
        assertTrue(played.latencyNanos() > 0);
        List<RecordingMediaOutput.Event> events = call.far().events;
        // media and mark alternate, every chunk is at most CHUNK_MS long
        for (int i = 0; i < events.size(); i += 2) {
            assertEquals("media", events.get(i).kind());
            assertTrue(events.get(i).samples() <= CHUNK_MS * 8);
            assertEquals("mark", events.get(i + 1).kind());
        }
        // real-time pace: chunk i never leaves earlier than its play time minus the lead
        List<RecordingMediaOutput.Event> media = call.far().kinds("media");
        long t0 = media.get(0).nanos();
        long playedMs = 0;
        for (RecordingMediaOutput.Event e : media) {
            long sentAtMs = TimeUnit.NANOSECONDS.toMillis(e.nanos() - t0);
            assertTrue(sentAtMs >= playedMs - LEAD_MS - 2, "chunk sent " + (playedMs - sentAtMs) + " ms early");
            playedMs += e.samples() / 8;
        }
        assertTrue(playedMs >= 3 * REPLY.length() * 10 / 4, "most of the synthesized audio was sent");
        assertEquals(1, observed(BotStartedSpeakingFrame.class).size());
        assertTrue(observed(MetricsFrame.class).stream().anyMatch(m -> m.stage() == MetricsFrame.Stage.TURN_LATENCY));
    }

    @Test
    void bargeInMidSpeechClearsCancelsAndCutsTheTurnToWhatWasHeard() throws Exception {
        FakeLlmEngine llm = new FakeLlmEngine(List.of(REPLY), 30);
        FakeTtsEngine tts = new FakeTtsEngine(40, 20);
        Call call = call(llm, tts, "", true);
        userSaid(call);
        waitUntil(() -> call.far().kinds("media").size() >= 30); // ~600 ms into the reply
        long onset = System.nanoTime();
        call.pipeline().queue(new UserStartedSpeakingFrame(3000, onset));
        waitUntil(() -> !call.far().kinds("clear").isEmpty());
        waitUntil(() -> !observed(ReplyPlayedFrame.class).isEmpty());
        Thread.sleep(300); // give any stale audio time to show up

        List<RecordingMediaOutput.Event> events = call.far().events;
        int clearAt = events.indexOf(call.far().kinds("clear").get(0));
        assertTrue(events.subList(clearAt + 1, events.size()).stream().noneMatch(e -> e.kind().equals("media")),
                "audio sent after the clear");
        assertEquals(1, call.far().kinds("clear").size());
        ReplyPlayedFrame played = observed(ReplyPlayedFrame.class).get(0);
        assertTrue(played.interrupted());
        assertFalse(played.spokenText().isBlank(), "~600 ms were heard");
        assertTrue(REPLY.startsWith(played.spokenText()), played.spokenText());
        assertTrue(played.spokenText().length() < REPLY.length());
        assertTrue(llm.cancelled.get() + tts.cancelled.get() > 0, "engine work was cancelled");
        assertTrue(observed(MetricsFrame.class).stream()
                .anyMatch(m -> m.stage() == MetricsFrame.Stage.BARGE_IN_TO_CLEAR));
        ChatMessage last = call.agent().conversation().messages().get(2);
        assertEquals(ChatMessage.Role.ASSISTANT, last.role());
        assertEquals(played.spokenText(), last.content());
    }

    @Test
    void greetingIsSpokenFirstAndCallerSpeechInterruptsIt() throws Exception {
        FakeTtsEngine tts = new FakeTtsEngine(40, 0);
        Call call = call(new FakeLlmEngine(List.of("תשובה."), 0), tts, "שלום, הגעתם למשרד. במה אפשר לעזור?", true);
        waitUntil(() -> call.far().kinds("media").size() >= 5);
        assertTrue(observed(MetricsFrame.class).stream()
                .anyMatch(m -> m.stage() == MetricsFrame.Stage.GREETING_FIRST_AUDIO));
        assertEquals("שלום, הגעתם למשרד.", tts.sentences.get(0));
        call.pipeline().queue(new UserStartedSpeakingFrame(500, System.nanoTime()));
        waitUntil(() -> !call.far().kinds("clear").isEmpty());
        userSaid(call);
        waitUntil(() -> observed(ReplyPlayedFrame.class).size() >= 2);
        List<ReplyPlayedFrame> played = observed(ReplyPlayedFrame.class);
        assertTrue(played.get(0).greeting() && played.get(0).interrupted());
        assertEquals("תשובה.", played.get(1).spokenText());
    }

    @Test
    void endCallToolHangsUpOnlyAfterTheGoodbyeWasHeard() throws Exception {
        FakeLlmEngine llm = new FakeLlmEngine(List.of("תודה ולהתראות."), 0)
                .toolCallAtEnd(new ToolCall("c1", "end_call", "{}"));
        Call call = call(llm, new FakeTtsEngine(20, 0), "", true);
        userSaid(call);
        waitUntil(() -> !call.far().kinds("hangup").isEmpty());
        List<RecordingMediaOutput.Event> events = call.far().events;
        RecordingMediaOutput.Event hangup = call.far().kinds("hangup").get(0);
        assertEquals(CallEnd.AGENT_HANGUP.name(), hangup.detail());
        assertEquals(hangup, events.get(events.size() - 1));
        assertFalse(call.far().kinds("media").isEmpty());
        assertTrue(observed(ReplyPlayedFrame.class).stream().anyMatch(p -> !p.interrupted()),
                "the goodbye was fully heard before the hang-up");
    }

    @Test
    void voicemailKeyCutsTheGreetingAndEndsTheStreamForVoicemail() throws Exception {
        FakeLlmEngine llm = new FakeLlmEngine(List.of("תשובה."), 0);
        Call call = call(llm, new FakeTtsEngine(40, 0), "שלום, הגעתם למשרד. במה אפשר לעזור?", true);
        waitUntil(() -> call.far().kinds("media").size() >= 5); // the greeting is playing
        call.pipeline().queue(new DtmfFrame("8", System.nanoTime()));
        waitUntil(() -> !call.far().kinds("hangup").isEmpty());
        assertEquals(CallEnd.VOICEMAIL.name(), call.far().kinds("hangup").get(0).detail());
        assertFalse(call.far().kinds("clear").isEmpty(), "the greeting was cut off");
        waitUntil(() -> !observed(ReplyPlayedFrame.class).isEmpty());
        assertTrue(observed(ReplyPlayedFrame.class).get(0).interrupted());
        assertTrue(llm.requests.isEmpty(), "the model was not asked");
    }

    @Test
    void repeatKeySaysTheLastReplyAgainWithoutTheModel() throws Exception {
        FakeLlmEngine llm = new FakeLlmEngine(List.of("יש לנו שלוש דירות.", "לא זה."), 0);
        Call call = call(llm, new FakeTtsEngine(10, 0), "", true);
        userSaid(call);
        waitUntil(() -> observed(ReplyPlayedFrame.class).size() == 1);
        call.pipeline().queue(new DtmfFrame("5", System.nanoTime()));
        waitUntil(() -> observed(ReplyPlayedFrame.class).size() == 2);
        ReplyPlayedFrame again = observed(ReplyPlayedFrame.class).get(1);
        assertFalse(again.interrupted());
        assertEquals("יש לנו שלוש דירות.", again.spokenText());
        assertEquals(1, llm.requests.size(), "the repeat did not call the model");
        assertEquals(3, call.agent().conversation().messages().size(), "the repeat is not added to the history");
        assertTrue(call.far().kinds("hangup").isEmpty());
    }

    @Test
    void repeatKeyBeforeAnythingWasSaidDoesNothing() throws Exception {
        FakeLlmEngine llm = new FakeLlmEngine(List.of("תשובה."), 0);
        Call call = call(llm, new FakeTtsEngine(10, 0), "", true);
        call.pipeline().queue(new DtmfFrame("5", System.nanoTime()));
        userSaid(call); // frames are handled in order: the key was dealt with before this
        waitUntil(() -> !observed(ReplyPlayedFrame.class).isEmpty());
        Thread.sleep(100);
        assertEquals(1, observed(ReplyStartFrame.class).size(), "only the model's reply started");
        assertEquals(1, llm.requests.size());
        assertTrue(llm.requests.get(0).messages().stream().noneMatch(m -> m.content() != null
                && m.content().contains("[key")), "the repeat key did not reach the model as a note");
    }

    @Test
    void withoutMarkEchoesTheReplyStillFinishesAfterTheMarkTimeout() throws Exception {
        Call call = call(new FakeLlmEngine(List.of("כן."), 0), new FakeTtsEngine(10, 0), "", false);
        userSaid(call);
        waitUntil(() -> !observed(ReplyPlayedFrame.class).isEmpty());
        assertFalse(observed(ReplyPlayedFrame.class).get(0).interrupted());
    }

    @Test
    void vadTurnsCallerSpeechIntoOnsetAndASegmentForStt() throws Exception {
        FakeSttEngine stt = new FakeSttEngine(i -> "שלום");
        engines = new TestEngines(stt, new FakeLlmEngine(List.of(""), 0), new FakeTtsEngine(1, 0));
        // scripted speech probabilities (the model itself is tested with real audio elsewhere): 32 ms chunks,
        // speech from 0.5 s to 1.5 s of a 3 s stream
        SpeechProbabilitySource script = new SpeechProbabilitySource() {
            private int chunk;

            @Override
            public int sampleRateHz() {
                return 8000;
            }

            @Override
            public int chunkSamples() {
                return 256;
            }

            @Override
            public float speechProbability(float[] samples) {
                long ms = chunk++ * 32L;
                return ms >= 500 && ms < 1500 ? 0.9f : 0.05f;
            }

            @Override
            public void reset() {
                chunk = 0;
            }
        };
        PipelineContext context = new PipelineContext(pool, Map.of());
        context.addObserver((p, f, d) -> observed.add(f));
        Pipeline pipeline = new Pipeline(List.of(new VadFrameProcessor(new VadProcessor(script, VadParams.DEFAULTS)),
                new SttProcessor(engines.stt::transcribe, "he")), context);
        for (int i = 0; i < 150; i++) { // 3 s of 20 ms frames
            pipeline.queue(new InputAudioFrame(new short[160], 8000, i * 20L, System.nanoTime()));
        }
        waitUntil(() -> !observed(TranscriptionFrame.class).isEmpty());
        assertEquals(1, observed(UserStartedSpeakingFrame.class).size());
        UserStartedSpeakingFrame onset = observed(UserStartedSpeakingFrame.class).get(0);
        assertTrue(Math.abs(onset.startOffsetMs() - 512) <= 32, "speech starts near 0.5 s: " + onset);
        SpeechSegmentFrame segment = observed(SpeechSegmentFrame.class).get(0);
        assertTrue(segment.startOffsetMs() < onset.startOffsetMs(), "segment has pre-roll");
        assertTrue(Math.abs(segment.endOffsetMs() - 1504) <= 32, "speech ends near 1.5 s: " + segment.endOffsetMs());
        assertEquals(segment.pcm16k().length, stt.segmentSamples.get(0));
        TranscriptionFrame text = observed(TranscriptionFrame.class).get(0);
        assertEquals("שלום", text.text());
        assertEquals(segment.startOffsetMs(), text.startOffsetMs());
        // the inbound lag is reported once per 10 frames: 150 frames -> 15 reports
        waitUntil(() -> observed(MetricsFrame.class).stream()
                .filter(m -> m.stage() == MetricsFrame.Stage.INBOUND_LAG).count() == 15);
    }
}
