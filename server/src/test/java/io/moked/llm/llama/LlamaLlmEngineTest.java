package io.moked.llm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moked.engine.Cancellation;
import io.moked.engine.ModelFiles;
import io.moked.engine.SharedDir;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import io.moked.llm.ToolSpec;
import io.moked.testing.FakeSttEngine;
import io.moked.testing.FakeTtsEngine;
import io.moked.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real jllama engine on the real stories260K.gguf from the shared models folder. */
class LlamaLlmEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolSpec BOOK = new ToolSpec("book_viewing", "Book a viewing of an apartment",
            "{\"type\":\"object\",\"properties\":{\"rooms\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9},"
                    + "\"city\":{\"enum\":[\"Tel Aviv\",\"Haifa\"]}},\"required\":[\"rooms\",\"city\"],"
                    + "\"additionalProperties\":false}");
    private static LlamaLlmEngine engine;

    @BeforeAll
    static void load() throws Exception {
        engine = new LlamaLlmEngine(new LlamaConfig("stories260K.gguf", 1024, 2, 2, 0,
                "Tools:\n{tools}", List.of(), false), new ModelFiles(SharedDir.models()));
        engine.warmUp();
    }

    @AfterAll
    static void close() {
        if (engine != null) { // null when the shared model is missing and the class was skipped
            engine.close();
        }
    }

    private static ChatRequest story(int maxTokens, List<String> stop, String session) {
        return new ChatRequest(List.of(ChatMessage.user("Once upon a time, there was a little girl")), List.of(),
                0.0, maxTokens, stop, session);
    }

    @Test
    void streamsTokensAsTheyAreGenerated() throws Exception {
        List<String> deltas = new ArrayList<>();
        LlmEngine.Completion c = engine.chat(story(24, List.of(), null), deltas::add, new Cancellation());
        assertTrue(deltas.size() > 5, "streamed in many pieces: " + deltas);
        assertEquals(c.text(), String.join("", deltas));
        assertTrue(c.tokens() > 5 && c.tokens() <= 24, "tokens " + c.tokens());
        assertFalse(c.cancelled());
        assertTrue(c.toolCalls().isEmpty());
    }

    @Test
    void stopsOnAStopString() throws Exception {
        String free = engine.chat(story(48, List.of(), null), d -> { }, new Cancellation()).text();
        // pick a word from the middle of the greedy continuation as stop string
        String[] words = free.trim().split("\\s+");
        assertTrue(words.length > 4, "needs a few words: " + free);
        String stop = " " + words[3];
        int at = free.indexOf(stop);
        assertTrue(at > 0, "stop word in text");
        List<String> deltas = new ArrayList<>();
        LlmEngine.Completion c = engine.chat(story(48, List.of(stop), null), deltas::add, new Cancellation());
        assertEquals(free.substring(0, at), c.text(), "ends right before the stop string");
        assertFalse(String.join("", deltas).contains(stop), "stop string never streamed");
    }

    @Test
    void cancelsMidStream() throws Exception {
        Cancellation bargeIn = new Cancellation();
        List<String> deltas = new ArrayList<>();
        LlmEngine.Completion c = engine.chat(story(400, List.of(), null), d -> {
            deltas.add(d);
            if (deltas.size() == 3) {
                bargeIn.cancel();
            }
        }, bargeIn);
        assertTrue(c.cancelled());
        assertEquals(3, deltas.size(), "nothing streamed after the cancel");
        assertTrue(c.tokens() < 400);
    }

    @Test
    void requiredToolCallIsGrammarValidJson() throws Exception {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system("You book viewings."),
                ChatMessage.user("I want to see a 3 room flat in Haifa")), List.of(BOOK), 0.8, 96, List.of(), null,
                ChatRequest.ToolChoice.REQUIRED);
        List<ToolCall> calls = new ArrayList<>();
        List<String> text = new ArrayList<>();
        LlmEngine.Completion c = engine.chat(request, new LlmEngine.Listener() {
            @Override
            public void onText(String delta) {
                text.add(delta);
            }

            @Override
            public void onToolCall(ToolCall call) {
                calls.add(call);
            }
        }, new Cancellation());
        assertTrue(text.isEmpty(), "a tool call is not streamed as text");
        assertEquals(1, calls.size());
        assertEquals(calls, c.toolCalls());
        ToolCall call = calls.get(0);
        assertEquals("book_viewing", call.name());
        JsonNode args = JSON.readTree(call.argumentsJson());
        assertTrue(args.get("rooms").isInt(), call.argumentsJson());
        assertTrue(args.get("rooms").asInt() >= 1 && args.get("rooms").asInt() <= 9, call.argumentsJson());
        assertTrue(List.of("Tel Aviv", "Haifa").contains(args.get("city").asText()), call.argumentsJson());
        assertEquals(2, args.size(), "no extra properties: " + call.argumentsJson());
    }

    @Test
    void autoToolChoiceGivesTextOrAValidCall() throws Exception {
        for (int i = 0; i < 3; i++) {
            ChatRequest request = new ChatRequest(List.of(ChatMessage.user("Once upon a time")), List.of(BOOK),
                    1.0, 48, List.of(), null);
            List<String> text = new ArrayList<>();
            LlmEngine.Completion c = engine.chat(request, text::add, new Cancellation());
            if (c.toolCalls().isEmpty()) {
                String reply = String.join("", text);
                assertFalse(reply.isEmpty());
                assertNotEquals('{', reply.charAt(0), "text may not start like a call");
                assertFalse(Character.isWhitespace(reply.charAt(0)));
            } else {
                assertEquals("book_viewing", c.toolCalls().get(0).name());
                assertTrue(JSON.readTree(c.toolCalls().get(0).argumentsJson()).isObject());
            }
        }
    }

    @Test
    void turnsOfOneCallStayOnTheirKvSlot() throws Exception {
        List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.system("A story."),
                ChatMessage.user("Once upon a time, there was a little dog")));
        String first = engine.chat(new ChatRequest(history, List.of(), 0.0, 16, List.of(), "CA-kv"), d -> { },
                new Cancellation()).text();
        int slot = engine.slotOf("CA-kv");
        assertTrue(slot >= 0, "session pinned to a slot");
        // another call takes the other slot and does not steal this one
        engine.chat(new ChatRequest(List.of(ChatMessage.user("A cat")), List.of(), 0.0, 4, List.of(), "CA-other"),
                d -> { }, new Cancellation());
        assertNotEquals(slot, engine.slotOf("CA-other"));

        history.add(ChatMessage.assistant(first));
        history.add(ChatMessage.user("The dog was happy"));
        LlmEngine.Completion second = engine.chat(new ChatRequest(history, List.of(), 0.0, 8, List.of(), "CA-kv"),
                d -> { }, new Cancellation());
        assertEquals(slot, engine.slotOf("CA-kv"), "same slot (and so its cached prefix) at the next turn");
        assertTrue(second.tokens() > 0);
    }

    @Test
    void theEndOfACallFreesItsKvSlotThroughTheRouter() throws Exception {
        engine.chat(new ChatRequest(List.of(ChatMessage.user("A bird")), List.of(), 0.0, 4, List.of(), "CA-ended"),
                d -> { }, new Cancellation());
        assertTrue(engine.slotOf("CA-ended") >= 0, "pinned while the call lives");
        try (TestEngines engines = new TestEngines(new FakeSttEngine(i -> ""), engine, new FakeTtsEngine(1, 0))) {
            engines.llm.endSession("CA-ended"); // what a call's session does when the call ends
        }
        assertEquals(SessionSlots.ANY_SLOT, engine.slotOf("CA-ended"), "the slot is no longer pinned to the call");
    }

    @Test
    void slotPinReachesTheNativeRequest() {
        de.kherud.llama.InferenceParameters p = new de.kherud.llama.InferenceParameters("x");
        assertTrue(LlamaSlotParameter.pin(p, 1));
        assertTrue(p.toString().replace(" ", "").contains("\"id_slot\":1"), p.toString());
    }
}
