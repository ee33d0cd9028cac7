package io.moked.agent;

import io.moked.engine.Cancellation;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.LlmTextFrame;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.SpeculativeTranscriptionFrame;
import io.moked.pipeline.SpeechResumedFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.ToolCallFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.TurnEventFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preemptive generation: the model starts at the caller's pause, its answer held until the turn is confirmed. */
class PreemptiveReplyTest {
    private static final String ASKED = "יש לכם דירות?";
    private static final String ANSWER = "יש לנו שלוש.";

    private final ProcessorHarness harness = new ProcessorHarness();
    /** Each model call: its request, its cancel flag, its stream and its completion (completed by the test). */
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger toolsRun = new AtomicInteger();
    private AgentProcessor agent;

    private record Call(ChatRequest request, Cancellation cancel, LlmEngine.Listener stream,
                        CompletableFuture<LlmEngine.Completion> done) {
        /** Streams the words, then finishes the round (with tool calls, if any). */
        void answer(String text, ToolCall... tools) {
            if (!text.isEmpty()) {
                stream.onText(text);
            }
            done.complete(new LlmEngine.Completion(text, List.of(tools), 1, cancel.isCancelled()));
        }
    }

    private void start(boolean preemptive) {
        AgentLoop loop = TestAgent.loop((request, listener, cancel) -> {
            CompletableFuture<LlmEngine.Completion> done = new CompletableFuture<>();
            calls.add(new Call(request, cancel, listener, done));
            return done;
        }, task -> {
            toolsRun.incrementAndGet();
            task.run();
        }, "system prompt");
        AgentSettings settings = AgentSettings.plain("", "he", Keypad.of(Map.of(), false), "[key {digit}]",
                "סליחה, תקלה.");
        agent = harness.start(new AgentProcessor(loop, settings, AgentProcessor.ToolTurns.NONE, preemptive));
        harness.send(new StartFrame(harness.time().nanoTime()));
    }

    private void paused(String text, long endMs) {
        harness.send(new SpeculativeTranscriptionFrame(text, 0.9, "he", 0, endMs));
    }

    /** The end of the turn confirmed 400 ms after the pause; the transcript was ready at once (speculative STT). */
    private TranscriptionFrame confirmed(String text, long endMs) {
        harness.time().passMs(400);
        long decided = harness.time().nanoTime();
        return new TranscriptionFrame(text, 0.9, "he", 0, endMs, 650, decided, decided);
    }

    private List<TurnEventFrame.Event> events() {
        return harness.observed(TurnEventFrame.class).stream().map(TurnEventFrame::event).toList();
    }

    private List<String> downstream() {
        return harness.downstream().stream().map(ProcessorHarness::describe).toList();
    }

    private static boolean mentions(ChatRequest request, String text) {
        return request.messages().stream().map(ChatMessage::content).anyMatch(text::equals);
    }

    @Test
    void aTurnConfirmedAtItsPauseGetsTheAnswerStartedThereAtOnce() {
        start(true);
        paused(ASKED, 1500);
        assertEquals(1, calls.size(), "the model starts at the pause");
        assertTrue(mentions(calls.get(0).request(), ASKED), "on the caller's words so far");
        calls.get(0).stream().onText("יש לנו ");
        harness.settle();
        assertEquals(List.of("StartFrame"), downstream(), "nothing goes downstream before the turn is confirmed");
        assertFalse(agent.conversation().messages().stream().anyMatch(m -> ASKED.equals(m.content())),
                "the real history does not have the unconfirmed turn");

        harness.send(confirmed(ASKED, 1500));
        Reply reply = harness.downstream(ReplyStartFrame.class).get(0).reply();
        assertEquals(List.of("יש לנו "), harness.downstream(LlmTextFrame.class).stream().map(LlmTextFrame::text)
                .toList(), "the held text is released the moment the turn is confirmed");
        assertEquals(0, reply.latency().stages().llmFirstTokenMs(), "the model's first text was already there");
        assertEquals(1, calls.size(), "the model was called once");
        assertTrue(agent.conversation().messages().stream().anyMatch(m -> ASKED.equals(m.content())));

        calls.get(0).stream().onText("שלוש.");
        calls.get(0).done().complete(new LlmEngine.Completion("יש לנו שלוש.", List.of(), 2, false));
        harness.settle();
        assertEquals(ANSWER, harness.downstream(LlmTextFrame.class).stream().map(LlmTextFrame::text)
                .reduce("", String::concat), "the rest streams on");
        assertSame(reply, harness.downstream(ReplyEndFrame.class).get(0).reply());
        assertEquals(ANSWER, agent.conversation().lastAssistantText().orElseThrow());
        assertEquals(List.of(TurnEventFrame.Event.LLM_SPECULATION_USED), events());
        assertEquals(1, calls.size());
    }

    @Test
    void whenTheCallerGoesOnTheSpeculativeAnswerIsCancelledUnheardAndCounted() {
        start(true);
        paused("יש לכם", 900);
        calls.get(0).stream().onText("כן, ");
        harness.settle();

        harness.send(confirmed(ASKED, 1500)); // the turn ended later, with more words
        assertTrue(calls.get(0).cancel().isCancelled(), "the speculative model call is cancelled");
        assertEquals(List.of(TurnEventFrame.Event.LLM_SPECULATION_DISCARDED), events());
        calls.get(0).answer("");
        assertEquals(2, calls.size(), "the confirmed turn is answered the normal way");
        assertTrue(mentions(calls.get(1).request(), ASKED));
        assertFalse(mentions(calls.get(1).request(), "יש לכם"), "the discarded words never reach the history");
        calls.get(1).answer(ANSWER);
        harness.settle();
        assertEquals(ANSWER, harness.downstream(LlmTextFrame.class).stream().map(LlmTextFrame::text)
                .reduce("", String::concat), "only the normal reply is heard");
    }

    @Test
    void speechResumingAfterThePauseCancelsTheSpeculativeAnswer() {
        start(true);
        paused(ASKED, 1500);
        calls.get(0).stream().onText("יש ");
        harness.send(new SpeechResumedFrame(0));
        assertTrue(calls.get(0).cancel().isCancelled(), "cancelled as soon as the caller goes on");
        assertEquals(List.of(TurnEventFrame.Event.LLM_SPECULATION_DISCARDED), events());
        assertEquals(List.of("StartFrame"), downstream(), "nothing of it goes downstream");
    }

    @Test
    void aNewSegmentCancelsTheSpeculativeAnswer() {
        start(true);
        paused(ASKED, 1500);
        harness.send(new UserStartedSpeakingFrame(2000, harness.time().nanoTime()));
        assertTrue(calls.get(0).cancel().isCancelled());
        calls.get(0).answer(ANSWER);
        harness.settle();
        assertTrue(harness.downstream(LlmTextFrame.class).isEmpty(), "nothing of it goes downstream");
        assertEquals(List.of(TurnEventFrame.Event.LLM_SPECULATION_DISCARDED), events());
    }

    @Test
    void aSpeculativeToolCallRunsNoToolBeforeTheTurnIsConfirmed() {
        start(true);
        paused("תודה, זה הכל", 1500);
        calls.get(0).answer("", new ToolCall("c1", "end_call", "{}"));
        harness.settle();
        assertEquals(0, toolsRun.get(), "no tool runs on an unconfirmed turn");
        assertEquals(List.of("StartFrame"), downstream());

        harness.send(confirmed("תודה, זה הכל", 1500));
        harness.settle();
        assertEquals(1, toolsRun.get(), "confirmed, the draft's tool call runs as a first round's would");
        assertEquals(1, harness.downstream(ToolCallFrame.class).size());
        assertEquals(CallEnd.AGENT_HANGUP, harness.downstream(HangupFrame.class).get(0).ending());
        assertEquals(1, calls.size(), "the model was not asked again");
    }

    @Test
    void aHistoryChangedSinceThePauseIsAnsweredAfresh() {
        start(true);
        harness.send(confirmed("שלום", 500));
        calls.get(0).answer("שלום, במה אפשר לעזור? יש לנו דירות ומשרדים.");
        harness.settle();
        Reply first = harness.downstream(ReplyStartFrame.class).get(0).reply();
        paused(ASKED, 3000);
        assertEquals(2, calls.size());
        first.interrupt(); // the caller had cut the first reply: what was heard arrives after the pause
        harness.sendUp(new ReplyPlayedFrame(first, first.finish()));

        harness.send(confirmed(ASKED, 3000));
        assertTrue(calls.get(1).cancel().isCancelled(), "the draft answered a history the caller did not hear");
        calls.get(1).answer("");
        assertEquals(3, calls.size());
        assertEquals(List.of(TurnEventFrame.Event.LLM_SPECULATION_DISCARDED), events());
    }

    @Test
    void aDraftWhoseModelCallFailedIsNotAdoptedTheModelIsAskedAgain() {
        start(true);
        paused(ASKED, 1500);
        calls.get(0).done().completeExceptionally(new IllegalStateException("upstream 503"));
        harness.send(confirmed(ASKED, 1500));
        assertEquals(2, calls.size(), "the confirmed turn asks the model itself");
        calls.get(1).answer(ANSWER);
        harness.settle();
        assertEquals(ANSWER, harness.downstream(LlmTextFrame.class).stream().map(LlmTextFrame::text)
                .reduce("", String::concat));
        assertEquals(List.of(TurnEventFrame.Event.LLM_SPECULATION_DISCARDED), events());
    }

    @Test
    void wordsTheAgentWouldNotGiveTheModelStartNoDraft() {
        start(true);
        paused(ASKED, 1500);
        assertEquals(1, calls.size());
        harness.send(new SpeculativeTranscriptionFrame(" ", 0.9, "he", 0, 1800));
        assertTrue(calls.get(0).cancel().isCancelled(), "empty words: the older draft is stale, none starts");
        assertEquals(1, calls.size());
    }

    @Test
    void switchedOffTheModelWaitsForTheEndOfTheTurn() {
        start(false);
        paused(ASKED, 1500);
        assertTrue(calls.isEmpty());
        harness.send(confirmed(ASKED, 1500));
        assertEquals(1, calls.size());
        assertTrue(events().isEmpty());
    }
}
