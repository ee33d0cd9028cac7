package io.moked.pipeline.turn;

import io.moked.agent.AgentLoop;
import io.moked.agent.AgentProcessor;
import io.moked.agent.AgentSettings;
import io.moked.agent.Keypad;
import io.moked.agent.TestAgent;
import io.moked.llm.LlmEngine;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.SpeechPausedFrame;
import io.moked.pipeline.SpeechResumedFrame;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.TurnEventFrame;
import io.moked.pipeline.processors.SentenceAggregator;
import io.moked.pipeline.processors.SttProcessor;
import io.moked.pipeline.processors.TtsProcessor;
import io.moked.stt.SttEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Speech-to-text, interruptions, the agent, sentences and TTS together: at a pause the transcript and the model's
 * answer are made ahead, and TTS gets the answer the moment the end of the turn is confirmed.
 */
class PreemptiveReplyPipelineTest {
    private static final String ANSWER = "יש לנו שלוש דירות.";

    private final ProcessorHarness harness = new ProcessorHarness();
    private final List<CompletableFuture<SttEngine.Transcript>> transcripts = new ArrayList<>();
    private final List<CompletableFuture<LlmEngine.Completion>> answers = new ArrayList<>();
    private final List<LlmEngine.Listener> streams = new ArrayList<>();
    private final List<String> synthesized = new ArrayList<>();

    @BeforeEach
    void start() {
        AgentLoop.Model model = (request, listener, cancel) -> {
            CompletableFuture<LlmEngine.Completion> done = new CompletableFuture<>();
            answers.add(done);
            streams.add(listener);
            return done;
        };
        TtsProcessor.Synthesizer tts = (text, language, voice, sink, cancel) -> {
            synthesized.add(text);
            return new CompletableFuture<>(); // audio is not what this test is about
        };
        harness.startChain(
                new SttProcessor((pcm, language) -> {
                    CompletableFuture<SttEngine.Transcript> f = new CompletableFuture<>();
                    transcripts.add(f);
                    return f;
                }, "he"),
                new InterruptionProcessor(new InterruptionSettings(true, 500, 2_000, Set.of("כן")), harness.time()),
                new AgentProcessor(TestAgent.loop(model, Runnable::run, "system prompt"),
                        AgentSettings.plain("", "he", Keypad.of(Map.of(), false), "[key {digit}]", "engine error"),
                        AgentProcessor.ToolTurns.NONE, true),
                new SentenceAggregator(), new TtsProcessor(tts, "he", null, t -> t));
        harness.send(new StartFrame(harness.time().nanoTime()));
    }

    private List<TurnEventFrame.Event> events() {
        return harness.observed(TurnEventFrame.class).stream().map(TurnEventFrame::event).toList();
    }

    @Test
    void aTurnEndingAtItsPauseIsSpokenTheMomentItEnds() {
        harness.send(new SpeechPausedFrame(new float[16_000], 0, 1_500));
        transcripts.get(0).complete(new SttEngine.Transcript("יש לכם דירות?", 0.9, "he"));
        harness.settle();
        assertEquals(1, answers.size(), "the model starts at the pause");
        streams.get(0).onText(ANSWER);
        answers.get(0).complete(new LlmEngine.Completion(ANSWER, List.of(), 5, false));
        harness.settle();
        assertTrue(synthesized.isEmpty(), "nothing is said before the turn ends");

        harness.advanceMs(400);
        harness.send(new SpeechSegmentFrame(new float[16_000], 0, 1_500, 650, harness.time().nanoTime()));
        assertEquals(List.of(ANSWER), synthesized, "TTS starts as the turn is confirmed");
        assertEquals(1, transcripts.size());
        assertEquals(1, answers.size());
        assertEquals(List.of(TurnEventFrame.Event.SPECULATION_USED, TurnEventFrame.Event.LLM_SPECULATION_USED),
                events());
    }

    @Test
    void aCallerWhoGoesOnIsAnsweredOnWhatTheyFinallySaid() {
        harness.send(new SpeechPausedFrame(new float[16_000], 0, 1_500));
        transcripts.get(0).complete(new SttEngine.Transcript("יש לכם", 0.9, "he"));
        harness.settle();
        streams.get(0).onText("כן.");
        harness.send(new SpeechResumedFrame(0));
        answers.get(0).complete(new LlmEngine.Completion("כן.", List.of(), 1, true));
        harness.send(new SpeechSegmentFrame(new float[32_000], 0, 2_500, 650, harness.time().nanoTime()));
        transcripts.get(1).complete(new SttEngine.Transcript("יש לכם דירות בחיפה?", 0.9, "he"));
        harness.settle();
        assertEquals(2, answers.size());
        streams.get(1).onText(ANSWER);
        answers.get(1).complete(new LlmEngine.Completion(ANSWER, List.of(), 5, false));
        harness.settle();
        assertEquals(List.of(ANSWER), synthesized, "the discarded draft was never said");
        assertEquals(List.of(TurnEventFrame.Event.SPECULATION_DISCARDED,
                TurnEventFrame.Event.LLM_SPECULATION_DISCARDED), events());
    }

    @Test
    void aBackchannelOverAPossibleInterruptionStartsNoDraft() {
        harness.send(new UserStartedSpeakingFrame(0, harness.time().nanoTime())); // the caller cuts in
        harness.send(new SpeechPausedFrame(new float[8_000], 0, 500));
        transcripts.get(0).complete(new SttEngine.Transcript("כן", 0.9, "he"));
        harness.settle();
        assertTrue(answers.isEmpty(), "a backchannel over a cut reply most likely resumes it");
    }

    @Test
    void aYesThatTakesTheTurnStartsADraft() {
        harness.send(new SpeechPausedFrame(new float[8_000], 0, 500)); // no interruption pending
        transcripts.get(0).complete(new SttEngine.Transcript("כן", 0.9, "he"));
        harness.settle();
        assertEquals(1, answers.size(), "\"כן\" answering a question is a turn: the model starts on it");
    }
}
