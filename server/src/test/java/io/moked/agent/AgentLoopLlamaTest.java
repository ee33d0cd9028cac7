package io.moked.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.agent.tools.AgentTool;
import io.moked.agent.tools.ToolContext;
import io.moked.agent.tools.ToolRegistry;
import io.moked.agent.tools.ToolResult;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.engine.SharedDir;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.llama.LlamaConfig;
import io.moked.llm.llama.LlamaLlmEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One grammar-constrained tool-call round trip through the agent loop with the real local engine (llama.cpp,
 * stories260K.gguf from the shared models folder): the model's call fits the tool's schema, the tool runs, its result
 * goes back to the model as a tool message and the model answers in text. The first round is made to call a tool
 * (a tiny story model would rarely choose one by itself); everything after is the loop as on a call.
 */
class AgentLoopLlamaTest {
    private static LlamaLlmEngine engine;
    private static ExecutorService llmThread;

    @BeforeAll
    static void load() throws Exception {
        engine = new LlamaLlmEngine(new LlamaConfig("stories260K.gguf", 1024, 1, 2, 0, "Tools:\n{tools}", List.of(),
                false), new ModelFiles(SharedDir.models()));
        engine.warmUp();
        llmThread = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
        if (llmThread != null) {
            llmThread.shutdownNow();
        }
    }

    @Test
    void aToolCallRoundTripRunsThroughTheConversation() throws Exception {
        List<ObjectNode> ran = Collections.synchronizedList(new ArrayList<>());
        AgentTool rooms = new AgentTool() {
            @Override
            public String name() {
                return "update_lead";
            }

            @Override
            public String description() {
                return "Save what the caller looks for";
            }

            @Override
            public String parametersSchema() {
                return "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"intent\",\"rooms\"],"
                        + "\"properties\":{\"intent\":{\"type\":\"string\",\"enum\":[\"buy\",\"rent\"]},"
                        + "\"rooms\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9}}}";
            }

            @Override
            public ToolResult execute(ToolContext context, ObjectNode arguments) {
                ran.add(arguments);
                return new ToolResult("{\"saved\":true}", false, null);
            }
        };
        List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
        AgentLoop.Model model = (request, listener, cancel) -> {
            ChatRequest sent = requests.isEmpty() ? new ChatRequest(request.messages(), request.tools(),
                    0.0, 256, request.stop(), request.sessionKey(), ChatRequest.ToolChoice.REQUIRED)
                    : new ChatRequest(request.messages(), request.tools(), 0.0, 24, request.stop(),
                    request.sessionKey(), request.toolChoice());
            requests.add(sent);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.chat(sent, listener, cancel);
                } catch (EngineException e) {
                    throw new CompletionException(e);
                }
            }, llmThread);
        };
        ExecutorService tools = Executors.newSingleThreadExecutor();
        try {
            AgentLoop loop = new AgentLoop(model, new ToolRegistry(List.of(rooms)), new ToolContext(TestAgent.tenant(),
                    1, null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "test"), tools,
                    new Conversation("You help people find a flat.", 40),
                    new AgentLoop.Settings(0.8, 64, 2, "CA-llama-loop"));
            StringBuilder text = new StringBuilder();
            AgentLoop.Outcome out = loop.respond("I want to buy a flat with three rooms", text::append,
                    new Cancellation()).get(120, TimeUnit.SECONDS);

            assertEquals(1, ran.size(), "the grammar-constrained call passed the schema and ran");
            assertTrue(List.of("buy", "rent").contains(ran.get(0).get("intent").asText()), ran.toString());
            assertTrue(ran.get(0).get("rooms").asInt() >= 1 && ran.get(0).get("rooms").asInt() <= 9);
            assertEquals(2, out.rounds());
            List<ChatMessage> second = requests.get(1).messages();
            assertEquals(ChatMessage.Role.TOOL, second.get(second.size() - 1).role());
            assertEquals("{\"saved\":true}", second.get(second.size() - 1).content());
            assertEquals(ChatRequest.ToolChoice.NONE, requests.get(1).toolChoice(), "the last round must speak");
            assertFalse(out.text().isBlank(), "the model answered after the tool result");
            assertEquals(out.text(), text.toString());
        } finally {
            tools.shutdownNow();
            engine.endSession("CA-llama-loop");
        }
    }
}
