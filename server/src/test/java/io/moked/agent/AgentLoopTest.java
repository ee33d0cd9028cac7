package io.moked.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.agent.tools.AgentTool;
import io.moked.agent.tools.CallDecision;
import io.moked.agent.tools.ToolContext;
import io.moked.agent.tools.ToolRegistry;
import io.moked.agent.tools.ToolResult;
import io.moked.crm.tenant.BusinessHours;
import io.moked.crm.tenant.Persona;
import io.moked.crm.tenant.ScoringRules;
import io.moked.crm.tenant.Tenant;
import io.moked.engine.Cancellation;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent loop with a scripted model and test tools: text streams, tools run, results go back to the model. */
class AgentLoopTest {
    private static final String TOOL_THREAD = "test-tools";

    private final ExecutorService toolThread = Executors.newSingleThreadExecutor(r -> new Thread(r, TOOL_THREAD));
    private final List<String> toolRanOn = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final ScriptedModel model = new ScriptedModel();
    private final Events events = new Events();

    @AfterEach
    void stop() {
        toolThread.shutdownNow();
    }

    /** Answers each request with the next scripted turn (text and tool calls) on a thread of its own. */
    private static final class ScriptedModel implements AgentLoop.Model {
        final Deque<LlmEngine.Completion> script = new ArrayDeque<>();
        final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

        ScriptedModel then(String text, ToolCall... calls) {
            script.add(new LlmEngine.Completion(text, List.of(calls), 1, false));
            return this;
        }

        @Override
        public CompletableFuture<LlmEngine.Completion> chat(ChatRequest request, LlmEngine.Listener listener,
                                                            Cancellation cancel) {
            requests.add(request);
            LlmEngine.Completion turn = script.poll();
            return CompletableFuture.supplyAsync(() -> {
                if (turn == null) {
                    throw new IllegalStateException("the script has no more turns");
                }
                for (String word : turn.text().split("(?<= )")) {
                    if (!word.isEmpty()) {
                        listener.onText(word);
                    }
                }
                turn.toolCalls().forEach(listener::onToolCall);
                return turn;
            });
        }
    }

    private static final class Events implements AgentLoop.Listener {
        final StringBuilder text = new StringBuilder();
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        @Override
        public synchronized void onText(String delta) {
            text.append(delta);
        }

        @Override
        public void onToolCall(ToolCall call) {
            log.add("call " + call.name());
        }

        @Override
        public void onToolResult(ToolCall call, ToolResult result) {
            log.add("result " + call.name() + " " + result.json());
        }
    }

    /** {@code note}: keeps its text; {@code end}/{@code transfer}: decide. */
    private AgentTool tool(String name, String schema, CallDecision decision) {
        return new AgentTool() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test tool " + name;
            }

            @Override
            public String parametersSchema() {
                return schema;
            }

            @Override
            public ToolResult execute(ToolContext context, ObjectNode arguments) {
                toolRanOn.add(Thread.currentThread().getName());
                if (arguments.has("text")) {
                    notes.add(arguments.get("text").asText());
                }
                return new ToolResult("{\"ok\":\"" + name + "\"}", false, decision);
            }
        };
    }

    private AgentLoop loop(int maxRounds) {
        String noteSchema = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"text\"],"
                + "\"properties\":{\"text\":{\"type\":\"string\"}}}";
        String empty = "{\"type\":\"object\",\"properties\":{}}";
        ToolRegistry registry = new ToolRegistry(List.of(tool("note", noteSchema, null),
                tool("end_call", empty, new CallDecision.EndCall("done", "bye")),
                tool("transfer_to_human", empty, new CallDecision.Transfer("+972501112222", "asked", "hold on"))));
        ToolContext context = new ToolContext(tenant(), 7, null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                "test");
        return new AgentLoop(model, registry, context, toolThread, new Conversation("system prompt", 40),
                new AgentLoop.Settings(0.2, 100, maxRounds, "session-1"));
    }

    private static Tenant tenant() {
        return new Tenant(1, "t1", "דירות הים", "נועה", "he-IL", "Asia/Jerusalem", "שלום",
                BusinessHours.parse(Map.of()), 30, null, false, 30, 4, null, Map.of(), Map.of(), null, null, false,
                List.of(), Instant.EPOCH, Instant.EPOCH, Persona.empty(), ScoringRules.empty());
    }

    private static AgentLoop.Outcome done(CompletableFuture<AgentLoop.Outcome> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void textOnlyAnswerStreamsAndIsKept() throws Exception {
        model.then("שלום דנה, במה אפשר לעזור?");
        AgentLoop.Outcome out = done(loop(3).respond("שלום", events, new Cancellation()));
        assertEquals("שלום דנה, במה אפשר לעזור?", out.text());
        assertEquals(out.text(), events.text.toString());
        assertNull(out.decision());
        assertEquals(1, out.rounds());
        ChatRequest sent = model.requests.get(0);
        assertEquals(List.of("transfer_to_human", "end_call", "note"),
                sent.tools().stream().map(t -> t.name()).toList(), "the registry's schemas go to the model");
        assertEquals(List.of(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER), roles(sent.messages()));
    }

    @Test
    void toolRunsOnTheToolExecutorAndItsResultGoesBackToTheModel() throws Exception {
        model.then("רגע, ", new ToolCall("c1", "note", "{\"text\":\"3 rooms\"}"))
                .then("רשמתי.");
        AgentLoop loop = loop(3);
        AgentLoop.Outcome out = done(loop.respond("אני מחפשת שלושה חדרים", events, new Cancellation()));
        assertEquals("רגע, רשמתי.", out.text());
        assertEquals(2, out.rounds());
        assertEquals(List.of("3 rooms"), notes);
        assertEquals(List.of(TOOL_THREAD), toolRanOn, "tools run on the tool executor, not the model's thread");
        assertEquals(List.of("call note", "result note {\"ok\":\"note\"}"), events.log);
        List<ChatMessage> second = model.requests.get(1).messages();
        assertEquals(List.of(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT,
                ChatMessage.Role.TOOL), roles(second));
        assertEquals("c1", second.get(3).toolCallId());
        assertEquals("{\"ok\":\"note\"}", second.get(3).content());
        assertEquals("c1", second.get(2).toolCalls().get(0).id());
        List<ChatMessage> kept = loop.conversation().messages();
        assertEquals("רשמתי.", kept.get(kept.size() - 1).content(), "the second round is its own message");
    }

    @Test
    void malformedOrUnknownToolCallIsAnErrorTheModelSeesAndTheAnswerGoesOn() throws Exception {
        model.then("", new ToolCall("c1", "note", "{\"text\": "), new ToolCall("c2", "order_pizza", "{}"),
                        new ToolCall("c3", "note", "{\"colour\":\"red\"}"))
                .then("סליחה, אפשר לחזור על זה?");
        AgentLoop.Outcome out = done(loop(3).respond("...", events, new Cancellation()));
        assertEquals("סליחה, אפשר לחזור על זה?", out.text());
        List<ChatMessage> tools = model.requests.get(1).messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.TOOL).toList();
        assertEquals(3, tools.size());
        assertTrue(tools.get(0).content().contains("not valid JSON"), tools.get(0).content());
        assertTrue(tools.get(1).content().contains("unknown tool 'order_pizza'"), tools.get(1).content());
        assertTrue(tools.get(2).content().contains("\"error\""), tools.get(2).content());
        assertTrue(notes.isEmpty(), "no bad call ran the tool");
    }

    @Test
    void aDecisionEndsTheAnswerAndTransferWinsOverHangingUp() throws Exception {
        model.then("מעבירה אותך.", new ToolCall("c1", "end_call", "{}"),
                new ToolCall("c2", "transfer_to_human", "{}"));
        AgentLoop.Outcome out = done(loop(3).respond("נציג בבקשה", events, new Cancellation()));
        CallDecision.Transfer transfer = assertInstanceOf(CallDecision.Transfer.class, out.decision());
        assertEquals("+972501112222", transfer.number());
        assertEquals(1, model.requests.size(), "no model round after a decision");
    }

    @Test
    void theLastRoundMayNotCallToolsAndTheLoopStopsThere() throws Exception {
        ToolCall again = new ToolCall(null, "note", "{\"text\":\"x\"}");
        model.then("", again).then("", again).then("", again);
        AgentLoop.Outcome out = done(loop(2).respond("hi", events, new Cancellation()));
        assertEquals(2, out.rounds());
        assertEquals(ChatRequest.ToolChoice.AUTO, model.requests.get(0).toolChoice());
        assertEquals(ChatRequest.ToolChoice.NONE, model.requests.get(1).toolChoice());
        assertEquals(2, model.requests.size());
        ChatMessage assistant = model.requests.get(1).messages().get(2);
        assertTrue(assistant.toolCalls().get(0).id().startsWith("call_"), "a call without an id gets one");
        assertEquals(assistant.toolCalls().get(0).id(), model.requests.get(1).messages().get(3).toolCallId());
    }

    @Test
    void aCancelledAnswerRunsNoTools() throws Exception {
        model.then("", new ToolCall("c1", "note", "{\"text\":\"late\"}"));
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        AgentLoop.Outcome out = done(loop(3).respond("hi", events, cancel));
        assertTrue(out.cancelled());
        assertTrue(notes.isEmpty());
        assertTrue(model.requests.isEmpty());
    }

    private static List<ChatMessage.Role> roles(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::role).toList();
    }
}
