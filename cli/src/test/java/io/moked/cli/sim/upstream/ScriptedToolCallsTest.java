package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moked.engine.Cancellation;
import io.moked.engine.openai.OpenAiClients;
import io.moked.engine.openai.OpenAiConfig;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.OpenAiLlmEngine;
import io.moked.llm.ToolCall;
import io.moked.llm.ToolSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receptionist script (issue 9's tool and argument names) drives the appliance's own OpenAI-compatible engine
 * through the simulator: parallel tool calls, a chain after a tool result, and a different answer to a refusal.
 */
class ScriptedToolCallsTest {
    private static final String SCRIPT = """
            chat:
              rules:
                - match: "שלושה חדרים"
                  reply: "רגע, אני רושמת."
                  tool_calls:
                    - name: update_lead
                      arguments: {"intent": "rent", "rooms": 3, "areas": ["יפו"], "budget": 7000}
                    - name: check_availability
                      arguments: {"from": "מחר", "to": "מחרתיים"}
              after_tool:
                - tool: book_meeting
                  match: '"error"|"alternatives"'
                  reply: "השעה הזאת תפוסה. אולי בשעה אחרת?"
                - tool: book_meeting
                  reply: "קבעתי לך פגישה."
                - tool: check_availability
                  tool_call:
                    name: book_meeting
                    arguments: {"start": "מחר בעשר", "kind": "viewing", "address": "יפת 10"}
            transcriptions: ["x"]
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The offered tools as the appliance names them (schemas reduced to their argument names). */
    private static final List<ToolSpec> TOOLS = List.of(
            spec("update_lead", "name", "email", "intent", "property_type", "rooms", "areas", "budget", "timeline",
                    "pre_approved", "has_agent", "notes"),
            spec("check_availability", "from", "to"),
            spec("book_meeting", "start", "kind", "address"));

    @TempDir
    static Path dir;
    static UpstreamSimulator sim;
    static OpenAiClients clients;
    static OpenAiLlmEngine engine;

    @BeforeAll
    static void start() throws Exception {
        Path script = dir.resolve("receptionist.yaml");
        Files.writeString(script, SCRIPT);
        sim = UpstreamSimulator.start(new SimSettings("127.0.0.1", 0, 0, 1000, 0, 0.1, SimScript.load(script)));
        clients = new OpenAiClients(new OpenAiConfig(sim.baseUrl(), "not-needed", null, "sim", "sim", "sim", "v",
                "pcm", 24000, 10_000, 8));
        engine = new OpenAiLlmEngine(clients);
    }

    @AfterAll
    static void stop() {
        clients.close();
        sim.close();
    }

    private static ToolSpec spec(String name, String... args) {
        var schema = JSON.createObjectNode().put("type", "object");
        var props = schema.putObject("properties");
        for (String a : args) {
            props.putObject(a);
        }
        schema.put("additionalProperties", false);
        return new ToolSpec(name, name, schema.toString());
    }

    private static LlmEngine.Completion chat(List<ChatMessage> messages) throws Exception {
        return engine.chat(new ChatRequest(messages, TOOLS, 0, 200, List.of(), "chat-test"), d -> { },
                new Cancellation());
    }

    /** Every argument the script sends is one the offered tool's schema names. */
    private static void assertArgumentsFitTheTool(ToolCall call) throws Exception {
        ToolSpec tool = TOOLS.stream().filter(t -> t.name().equals(call.name())).findFirst().orElseThrow();
        JsonNode props = JSON.readTree(tool.parametersJsonSchema()).get("properties");
        JsonNode args = JSON.readTree(call.argumentsJson());
        args.fieldNames().forEachRemaining(name -> assertTrue(props.has(name), call.name() + " has no " + name));
    }

    @Test
    void aRuleEmitsParallelToolCallsWithTheReceptionistsArgumentNames() throws Exception {
        LlmEngine.Completion c = chat(List.of(ChatMessage.system("receptionist"),
                ChatMessage.user("אני מחפש שלושה חדרים ביפו")));
        assertEquals("רגע, אני רושמת.", c.text());
        assertEquals(List.of("update_lead", "check_availability"), c.toolCalls().stream().map(ToolCall::name).toList());
        JsonNode lead = JSON.readTree(c.toolCalls().get(0).argumentsJson());
        assertEquals(3, lead.get("rooms").asInt());
        assertEquals("יפו", lead.get("areas").get(0).asText());
        assertEquals("{\"from\":\"מחר\",\"to\":\"מחרתיים\"}", c.toolCalls().get(1).argumentsJson());
        for (ToolCall call : c.toolCalls()) {
            assertArgumentsFitTheTool(call);
        }
        assertTrue(!c.toolCalls().get(0).id().equals(c.toolCalls().get(1).id()), "each call has its own id");
    }

    @Test
    void afterToolRulesChainAToolAndAnswerARefusalDifferently() throws Exception {
        List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.system("receptionist"),
                ChatMessage.user("אני מחפש שלושה חדרים ביפו")));
        LlmEngine.Completion first = chat(history);
        history.add(ChatMessage.assistant(first.text(), first.toolCalls()));
        history.add(ChatMessage.toolResult(first.toolCalls().get(0).id(), "{\"ok\":true}"));
        history.add(ChatMessage.toolResult(first.toolCalls().get(1).id(), "{\"slots\":[\"2026-12-07T10:00\"]}"));

        LlmEngine.Completion book = chat(history);
        assertEquals(1, book.toolCalls().size(), "the availability result is answered by a booking");
        ToolCall call = book.toolCalls().get(0);
        assertEquals("book_meeting", call.name());
        assertEquals("viewing", JSON.readTree(call.argumentsJson()).get("kind").asText());
        assertArgumentsFitTheTool(call);

        List<ChatMessage> booked = new ArrayList<>(history);
        booked.add(ChatMessage.assistant("", book.toolCalls()));
        booked.add(ChatMessage.toolResult(call.id(), "{\"booked\":true,\"start\":\"2026-12-07T10:00\"}"));
        LlmEngine.Completion ok = chat(booked);
        assertEquals("קבעתי לך פגישה.", ok.text());
        assertTrue(ok.toolCalls().isEmpty());

        List<ChatMessage> refused = new ArrayList<>(history);
        refused.add(ChatMessage.assistant("", book.toolCalls()));
        refused.add(ChatMessage.toolResult(call.id(), "{\"booked\":false,\"alternatives\":[\"2026-12-07T11:00\"]}"));
        assertEquals("השעה הזאת תפוסה. אולי בשעה אחרת?", chat(refused).text());
    }

    @Test
    void toolCallsAreOnlyEmittedWhenEveryOneIsOffered() throws Exception {
        LlmEngine.Completion c = engine.chat(new ChatRequest(List.of(ChatMessage.user("שלושה חדרים")),
                TOOLS.subList(0, 1), 0, 200, List.of(), null), d -> { }, new Cancellation());
        assertTrue(c.toolCalls().isEmpty());
        assertEquals("רגע, אני רושמת.", c.text());
    }

    @Test
    void scriptMistakesAreNamed() throws Exception {
        Path both = dir.resolve("both.yaml");
        Files.writeString(both, """
                chat:
                  rules:
                    - match: "x"
                      tool_call: {name: end_call}
                      tool_calls: [{name: end_call}]
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimScript.load(both));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        Path bare = dir.resolve("bare.yaml");
        Files.writeString(bare, """
                chat:
                  after_tool:
                    - reply: "hi"
                """);
        e = assertThrows(IllegalArgumentException.class, () -> SimScript.load(bare));
        assertTrue(e.getMessage().contains("'tool' or 'match'"), e.getMessage());
    }
}
