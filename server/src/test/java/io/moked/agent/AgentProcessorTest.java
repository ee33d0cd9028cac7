package io.moked.agent;

import io.moked.engine.Cancellation;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.DtmfFrame;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.LlmTextFrame;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.ToolCallFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.reply.Reply;
import io.moked.pipeline.reply.TurnLatency;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent driven with frames and a scripted model. */
class AgentProcessorTest {
    private static final String GREETING = "שלום, הגעתם לדירות הים.";

    private final ProcessorHarness harness = new ProcessorHarness();
    private final ScriptedModel model = new ScriptedModel();

    /**
     * Answers each request with the next scripted turn, streaming its words at once; a turn marked "hold" streams its
     * words and waits until the test finishes it.
     */
    private final class ScriptedModel implements AgentLoop.Model {
        final Deque<Turn> script = new ArrayDeque<>();
        final List<ChatRequest> requests = new ArrayList<>();
        final List<Cancellation> cancels = new ArrayList<>();
        CompletableFuture<LlmEngine.Completion> held;

        record Turn(List<String> words, List<ToolCall> tools, boolean hold) {
        }

        ScriptedModel say(String text, ToolCall... tools) {
            script.add(new Turn(List.of(text.split("(?<= )")), List.of(tools), false));
            return this;
        }

        ScriptedModel sayAndHold(String text) {
            script.add(new Turn(List.of(text.split("(?<= )")), List.of(), true));
            return this;
        }

        @Override
        public CompletableFuture<LlmEngine.Completion> chat(ChatRequest request, LlmEngine.Listener listener,
                                                            Cancellation cancel) {
            requests.add(request);
            cancels.add(cancel);
            Turn turn = script.poll();
            harness.time().passMs(100); // the model thinks
            turn.words().forEach(listener::onText);
            turn.tools().forEach(listener::onToolCall);
            LlmEngine.Completion done = new LlmEngine.Completion(String.join("", turn.words()), turn.tools(),
                    turn.words().size(), false);
            if (turn.hold()) {
                held = new CompletableFuture<>();
                return held.thenApply(ignored -> new LlmEngine.Completion(done.text(), List.of(), 1,
                        cancel.isCancelled()));
            }
            return CompletableFuture.completedFuture(done);
        }
    }

    private AgentProcessor start(String greeting) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("0", "transfer");
        keys.put("9", "voicemail");
        keys.put("5", "repeat");
        AgentSettings settings = AgentSettings.plain(greeting, "he", Keypad.of(keys, true), "[key {digit}]",
                "סליחה, תקלה.");
        return harness.start(new AgentProcessor(TestAgent.loop(model, Runnable::run, "system prompt"), settings,
                AgentProcessor.ToolTurns.NONE));
    }

    private TranscriptionFrame callerSaid(String text) {
        long decided = harness.time().nanoTime();
        harness.time().passMs(300); // speech-to-text
        return new TranscriptionFrame(text, 0.9, "he", 0, 1500, 650, decided, harness.time().nanoTime());
    }

    @Test
    void theGreetingIsAReplyOfItsOwnKindSaidWithoutTheModel() {
        start(GREETING);
        harness.send(new StartFrame(harness.time().nanoTime()));
        Reply greeting = harness.downstream(ReplyStartFrame.class).get(0).reply();
        assertEquals(Reply.Kind.GREETING, greeting.kind());
        assertEquals(GREETING, harness.downstream(LlmTextFrame.class).get(0).text());
        assertSame(greeting, harness.downstream(ReplyEndFrame.class).get(0).reply());
        assertTrue(model.requests.isEmpty());
    }

    @Test
    void aTranscriptionIsAnsweredByTheModelWithTheTurnTimed() {
        AgentProcessor agent = start("");
        model.say("יש לנו שלוש.");
        harness.send(callerSaid("יש לכם דירות?"));
        harness.settle();
        Reply reply = harness.downstream(ReplyStartFrame.class).get(0).reply();
        assertEquals(Reply.Kind.MODEL, reply.kind());
        assertEquals("יש לנו שלוש.", harness.downstream(LlmTextFrame.class).stream().map(LlmTextFrame::text)
                .reduce("", String::concat));
        assertSame(reply, harness.downstream(ReplyEndFrame.class).get(0).reply());
        assertEquals("יש לנו שלוש.", reply.text());
        ChatMessage user = model.requests.get(0).messages().get(1);
        assertEquals("יש לכם דירות?", user.content());
        assertEquals("CA-agent", model.requests.get(0).sessionKey());
        TurnLatency.Stages stages = reply.latency().stages();
        assertEquals(650, stages.endOfSpeechMs());
        assertEquals(300, stages.sttMs());
        assertEquals(100, stages.llmFirstTokenMs());
        assertEquals(3, agent.conversation().messages().size());
    }

    @Test
    void callerSpeechInterruptsTheReplyUnderWayAndTheHistoryKeepsWhatWasHeard() {
        AgentProcessor agent = start("");
        model.sayAndHold("אני בודקת את הדירות שיש לנו");
        harness.send(callerSaid("יש לכם דירות?"));
        Reply reply = harness.downstream(ReplyStartFrame.class).get(0).reply();
        harness.send(new UserStartedSpeakingFrame(3000, harness.time().nanoTime()));

        InterruptionFrame interruption = harness.downstream(InterruptionFrame.class).get(0);
        assertSame(reply, interruption.reply());
        assertEquals(Reply.State.INTERRUPTED, reply.state());
        assertTrue(model.cancels.get(0).isCancelled(), "the model stops");
        model.held.complete(null);
        harness.settle();
        assertTrue(harness.downstream(ReplyEndFrame.class).isEmpty(), "the interruption already told the output");

        harness.sendUp(new ReplyPlayedFrame(reply, reply.finish()));
        assertEquals("", agent.conversation().messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.ASSISTANT).findFirst().map(ChatMessage::content)
                .orElse(""), "nothing was heard: nothing said in the history");
        harness.send(new UserStartedSpeakingFrame(5000, harness.time().nanoTime()));
        assertEquals(1, harness.downstream(InterruptionFrame.class).size(), "a done reply is not interrupted again");
    }

    @Test
    void theEndCallToolHangsUpAfterTheGoodbye() {
        start("");
        model.say("תודה ולהתראות.", new ToolCall("c1", "end_call", "{}"));
        harness.send(callerSaid("זהו, תודה"));
        harness.settle();
        Reply reply = harness.downstream(ReplyStartFrame.class).get(0).reply();
        assertEquals(1, harness.downstream(ToolCallFrame.class).size());
        HangupFrame hangup = harness.downstream(HangupFrame.class).get(0);
        assertEquals(CallEnd.AGENT_HANGUP, hangup.ending());
        assertSame(reply, hangup.after());
        int end = harness.downstream().indexOf(harness.downstream(ReplyEndFrame.class).get(0));
        assertTrue(end < harness.downstream().indexOf(hangup), "the hang-up follows the goodbye");
    }

    @Test
    void anUnknownToolWithoutWordsLetsTheModelAnswerAgain() {
        AgentProcessor agent = start("");
        model.say("", new ToolCall("c1", "book_flight", "{}")).say("אין לי אפשרות כזו.");
        harness.send(callerSaid("תזמיני לי טיסה"));
        harness.settle();
        assertEquals(2, model.requests.size());
        assertTrue(model.requests.get(1).messages().stream().anyMatch(m -> m.role() == ChatMessage.Role.TOOL
                && m.content().contains("unknown tool")));
        assertTrue(harness.downstream(HangupFrame.class).isEmpty());
        assertEquals("אין לי אפשרות כזו.", agent.conversation().lastAssistantText().orElseThrow());
    }

    @Test
    void theTransferKeyCutsTheReplyAndEndsTheCallAsATransfer() {
        start(GREETING);
        harness.send(new StartFrame(harness.time().nanoTime()));
        Reply greeting = harness.downstream(ReplyStartFrame.class).get(0).reply();
        harness.send(new DtmfFrame("0", harness.time().nanoTime()));
        assertSame(greeting, harness.downstream(InterruptionFrame.class).get(0).reply());
        harness.settle();
        HangupFrame hangup = harness.downstream(HangupFrame.class).get(0);
        assertEquals(CallEnd.TRANSFERRED, hangup.ending());
        assertEquals(TestAgent.TRANSFER_SAY, hangup.say(), "Twilio says the tenant's transfer phrase");
        assertTrue(model.requests.isEmpty(), "the transfer key needs no model");
        assertNull(hangup.after(), "a key's hang-up is not cancelled by interrupting a reply");
    }

    @Test
    void otherKeysReachTheModelAsANoteAndTheRepeatKeySaysTheLastReplyAgain() {
        start(GREETING);
        harness.send(new StartFrame(harness.time().nanoTime()));
        harness.send(new DtmfFrame("5", harness.time().nanoTime()));
        List<ReplyStartFrame> starts = harness.downstream(ReplyStartFrame.class);
        assertEquals(Reply.Kind.REPEAT, starts.get(1).reply().kind());
        assertEquals(GREETING, harness.downstream(LlmTextFrame.class).get(1).text());

        model.say("קיבלתי.");
        harness.send(new DtmfFrame("3", harness.time().nanoTime()));
        harness.settle();
        assertEquals("[key 3]", model.requests.get(0).messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.USER).reduce((a, b) -> b).orElseThrow().content());
    }

    @Test
    void aModelFailureIsReportedAndTheCallerHearsTheApology() {
        harness.start(new AgentProcessor(TestAgent.loop((request, listener, cancel) ->
                CompletableFuture.failedFuture(new IllegalStateException("model down")), Runnable::run, "p"),
                AgentSettings.plain("", "he", Keypad.NONE, "[{digit}]", "סליחה, תקלה."),
                AgentProcessor.ToolTurns.NONE));
        harness.send(callerSaid("שלום?"));
        harness.settle();
        assertEquals(1, harness.observed(ErrorFrame.class).size());
        assertEquals("סליחה, תקלה.", harness.downstream(LlmTextFrame.class).get(0).text());
        assertEquals(1, harness.downstream(ReplyEndFrame.class).size());
    }

    @Test
    void anUnsureOrEmptyTranscriptionIsAskedAgainThenATransferOrCallBackIsOffered() {
        AgentSettings settings = new AgentSettings("", "he", Keypad.NONE, "[{digit}]", "סליחה, תקלה.",
                new EscalationPhrases(List.of("נציג")), 0.5, List.of("סליחה, לא שמעתי.", "עוד פעם?"),
                "להעביר אתכם לנציג או שנחזור אליכם?");
        AgentProcessor agent = harness.start(new AgentProcessor(TestAgent.loop(model, Runnable::run, "p"), settings,
                AgentProcessor.ToolTurns.NONE));
        harness.send(new TranscriptionFrame("משהו", 0.3, "he", 0, 1000, 650, 0, 0));
        harness.send(new TranscriptionFrame("", Double.NaN, "he", 0, 1000, 650, 0, 0));
        harness.send(new TranscriptionFrame("אה", 0.2, "he", 0, 1000, 650, 0, 0));
        harness.settle();
        assertTrue(model.requests.isEmpty(), "nothing unsure reaches the model");
        assertEquals(List.of("סליחה, לא שמעתי.", "עוד פעם?", "להעביר אתכם לנציג או שנחזור אליכם?"),
                harness.downstream(LlmTextFrame.class).stream().map(LlmTextFrame::text).toList());
        assertEquals("להעביר אתכם לנציג או שנחזור אליכם?", agent.conversation().lastAssistantText().orElseThrow(),
                "the model knows what was offered");

        model.say("בטח.");
        harness.send(new TranscriptionFrame("כן, שתחזרו אליי", Double.NaN, "he", 0, 1000, 650, 0, 0));
        harness.send(new TranscriptionFrame("לא ברור", 0.1, "he", 0, 1000, 650, 0, 0));
        harness.settle();
        assertEquals(1, model.requests.size(), "an unknown confidence is not low");
        assertEquals("סליחה, לא שמעתי.", harness.downstream(LlmTextFrame.class)
                .get(harness.downstream(LlmTextFrame.class).size() - 1).text(), "a good turn starts the count again");
    }

    @Test
    void anEscalationPhraseTransfersWithoutTheModel() {
        AgentSettings settings = new AgentSettings("", "he", Keypad.NONE, "[{digit}]", "סליחה, תקלה.",
                new EscalationPhrases(List.of("נציג", "speak to a human")), 0.5, List.of("שוב?"), "");
        harness.start(new AgentProcessor(TestAgent.loop(model, Runnable::run, "p"), settings,
                AgentProcessor.ToolTurns.NONE));
        harness.send(new TranscriptionFrame("תעבירו אותי לנציג!", 0.9, "he", 0, 1000, 650, 0, 0));
        harness.settle();
        assertTrue(model.requests.isEmpty());
        HangupFrame hangup = harness.downstream(HangupFrame.class).get(0);
        assertEquals(CallEnd.TRANSFERRED, hangup.ending());
        assertEquals(TestAgent.TRANSFER_SAY, hangup.say());
    }
}
