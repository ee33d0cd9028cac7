package io.moked.pipeline.turn;

import io.moked.agent.AgentProcessor;
import io.moked.agent.AgentLoop;
import io.moked.agent.AgentSettings;
import io.moked.agent.TestAgent;
import io.moked.agent.Keypad;
import io.moked.llm.ChatMessage;
import io.moked.llm.LlmEngine;
import io.moked.pipeline.FarEndLog;
import io.moked.pipeline.MarkEchoFrame;
import io.moked.pipeline.NoWordsFrame;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.TurnEventFrame;
import io.moked.pipeline.UserSpeechDiscardedFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.UserStoppedSpeakingFrame;
import io.moked.pipeline.processors.AudioPacingProcessor;
import io.moked.pipeline.processors.PlaybackProcessor;
import io.moked.pipeline.processors.SentenceAggregator;
import io.moked.pipeline.processors.TtsProcessor;
import io.moked.pipeline.reply.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interruptions at the pipeline level (interruptions → agent → sentences → TTS → pacing → playback, on virtual
 * time, no sleeps): a cough while the agent speaks clears the far end at once and the reply resumes from the first
 * sentence the caller did not hear; real words leave it cut and start a new turn.
 */
class InterruptionResumeTest {
    private static final String S1 = "שלום וברוך הבא.";
    private static final String S2 = "יש לנו דירות רבות במרכז.";
    private static final String S3 = "מה התקציב שלך?";
    private static final String REPLY = S1 + " " + S2 + " " + S3;
    /** Every sentence is synthesized as 400 ms of audio: 20 chunks of 20 ms, one mark each. */
    private static final int SENTENCE_MS = 400;

    private final ProcessorHarness harness = new ProcessorHarness();
    private final FarEndLog far = new FarEndLog();
    private final List<String> synthesized = new ArrayList<>();
    private final List<String> modelAnswers = new ArrayList<>(List.of(REPLY, "זה עולה מיליון."));
    private AgentProcessor agent;
    private AudioPacingProcessor pacing;

    @BeforeEach
    void start() {
        AgentSettings settings = AgentSettings.plain("", "he", Keypad.of(Map.of(), false), "[key {digit}]",
                "engine error");
        AgentLoop.Model model = (request, listener, cancel) -> {
            String text = modelAnswers.remove(0);
            listener.onText(text);
            return CompletableFuture.completedFuture(new LlmEngine.Completion(text, List.of(), 10, false));
        };
        TtsProcessor.Synthesizer tts = (text, language, voice, sink, cancel) -> {
            synthesized.add(text);
            sink.onAudio(new short[SENTENCE_MS * 8], 8000);
            return CompletableFuture.completedFuture(null);
        };
        agent = new AgentProcessor(TestAgent.loop(model, Runnable::run, "system prompt"), settings,
                AgentProcessor.ToolTurns.NONE);
        pacing = new AudioPacingProcessor(far, harness.executor(), harness.time(), harness.time(), 20, 60, 3_000);
        harness.startChain(
                new InterruptionProcessor(new InterruptionSettings(true, 500, 2_000, Set.of("כן", "אהה", "mm-hmm")),
                        harness.time()),
                agent, new SentenceAggregator(), new TtsProcessor(tts, "he", null, t -> t), pacing,
                new PlaybackProcessor());
        long now = harness.time().nanoTime();
        harness.send(new StartFrame(now), new TranscriptionFrame("אני מחפש דירה", 0.9, "he", 0, 1500, 650, now, now));
        // the caller hears the first sentence and half of the second (mark n = n × 20 ms played)
        harness.advanceMs(700);
        echo("30");
        long onset = harness.time().nanoTime();
        harness.send(new UserStartedSpeakingFrame(3_000, onset));
    }

    private void echo(String mark) {
        harness.pipeline().queueAt(pacing, new MarkEchoFrame(mark, harness.time().nanoTime()));
        harness.settle();
    }

    private List<TurnEventFrame.Event> events() {
        return harness.observed(TurnEventFrame.class).stream().map(TurnEventFrame::event).toList();
    }

    private List<Reply> replies() {
        return harness.observed(ReplyStartFrame.class).stream().map(ReplyStartFrame::reply).toList();
    }

    private void assertCutAtOnce() {
        assertEquals(1, far.events.stream().filter("clear"::equals).count(), "barge-in clears at the onset");
        ReplyPlayedFrame cut = harness.observed(ReplyPlayedFrame.class).get(0);
        assertTrue(cut.interrupted());
        assertTrue(cut.spokenText().startsWith(S1) && !cut.spokenText().contains(S3), cut.spokenText());
    }

    /** The resumed reply plays to its end; returns what the caller heard of it. */
    private ReplyPlayedFrame playResumedToTheEnd() {
        harness.advanceMs(2 * SENTENCE_MS + 200);
        echo(far.lastMark());
        List<ReplyPlayedFrame> played = harness.observed(ReplyPlayedFrame.class);
        return played.get(played.size() - 1);
    }

    @Test
    void aCoughResumesTheReplyFromTheFirstSentenceTheCallerDidNotHear() {
        assertCutAtOnce();
        int clearAt = far.events.indexOf("clear");
        assertTrue(far.events.subList(clearAt + 1, far.events.size()).stream().noneMatch("media"::equals),
                "nothing is sent while the caller makes a sound");

        harness.send(new UserSpeechDiscardedFrame(3_000)); // the VAD found the burst too short for a turn

        Reply resumed = replies().get(1);
        assertEquals(Reply.Kind.RESUME, resumed.kind());
        assertEquals(S2 + " " + S3, resumed.text(), "from the sentence cut in the middle, not from the start");
        assertEquals(List.of(S1, S2, S3, S2, S3), synthesized);
        assertTrue(far.events.subList(clearAt + 1, far.events.size()).contains("media"), "the reply goes on");
        assertEquals(List.of(TurnEventFrame.Event.INTERRUPTION, TurnEventFrame.Event.FALSE_INTERRUPTION,
                TurnEventFrame.Event.RESUME), events());

        ReplyPlayedFrame last = playResumedToTheEnd();
        assertEquals(resumed, last.reply());
        assertFalse(last.interrupted());
        assertEquals(S2 + " " + S3, last.spokenText());
        List<ChatMessage> history = agent.conversation().messages();
        assertEquals(3, history.size(), "system, user, one assistant message: " + history);
        assertEquals(REPLY, history.get(2).content(), "the history holds the whole reply, said once");
    }

    @Test
    void realWordsLeaveTheReplyCutAndStartANewTurn() {
        harness.send(new UserStoppedSpeakingFrame(4_200, harness.time().nanoTime()));
        long now = harness.time().nanoTime();
        harness.send(new TranscriptionFrame("רגע, כמה זה עולה?", 0.9, "he", 2_900, 4_200, 650, now, now));
        harness.advanceMs(3_000); // past the false-interruption timeout

        assertCutAtOnce();
        assertEquals(List.of(Reply.Kind.MODEL, Reply.Kind.MODEL), replies().stream().map(Reply::kind).toList());
        assertEquals(List.of(TurnEventFrame.Event.INTERRUPTION), events());
        assertEquals(List.of(S1, S2, S3, "זה עולה מיליון."), synthesized);
        List<ChatMessage> history = agent.conversation().messages();
        assertEquals("רגע, כמה זה עולה?", history.get(3).content());
        assertTrue(REPLY.startsWith(history.get(2).content()) && !history.get(2).content().equals(REPLY),
                "the cut reply stays cut to what was heard: " + history.get(2).content());
    }

    @Test
    void aBackchannelResumesAndNeverReachesTheModel() {
        harness.send(new UserStoppedSpeakingFrame(3_800, harness.time().nanoTime()));
        long now = harness.time().nanoTime();
        harness.send(new TranscriptionFrame("אהה.", 0.9, "he", 2_900, 3_800, 650, now, now));

        assertEquals(Reply.Kind.RESUME, replies().get(1).kind());
        assertEquals(List.of(TurnEventFrame.Event.INTERRUPTION, TurnEventFrame.Event.FALSE_INTERRUPTION,
                TurnEventFrame.Event.RESUME), events());
        assertTrue(agent.conversation().messages().stream().noneMatch(m -> m.content().contains("אהה")));
    }

    @Test
    void speechWithNoWordsResumes() {
        harness.send(new UserStoppedSpeakingFrame(3_800, harness.time().nanoTime()),
                new NoWordsFrame(2_900, 3_800));
        assertEquals(Reply.Kind.RESUME, replies().get(1).kind());
    }

    @Test
    void withoutATranscriptTheReplyResumesAfterTheTimeout() {
        harness.send(new UserStoppedSpeakingFrame(3_800, harness.time().nanoTime()));
        harness.advanceMs(1_900);
        assertEquals(1, replies().size(), "still waiting for the transcript");
        harness.advanceMs(200);
        assertEquals(Reply.Kind.RESUME, replies().get(1).kind());
    }

    @Test
    void aShortWordResumesAtOnceAndItsWordsStillReachTheModel() {
        harness.send(new UserStoppedSpeakingFrame(3_300, harness.time().nanoTime()));
        assertEquals(Reply.Kind.RESUME, replies().get(1).kind(), "300 ms is below the minimum interruption");
        long now = harness.time().nanoTime();
        harness.send(new TranscriptionFrame("לא", 0.9, "he", 2_900, 3_300, 650, now, now));
        assertEquals(Reply.Kind.MODEL, replies().get(2).kind(), "words are answered: the caller took the turn");
    }
}
