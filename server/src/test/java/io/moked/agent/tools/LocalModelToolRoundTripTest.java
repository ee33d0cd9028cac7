package io.moked.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.agent.AgentLoop;
import io.moked.agent.Conversation;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.engine.Cancellation;
import io.moked.engine.ModelFiles;
import io.moked.engine.SharedDir;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import io.moked.llm.llama.LlamaConfig;
import io.moked.llm.llama.LlamaLlmEngine;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real local engine (llama.cpp through jllama, the shared stories260K.gguf) in one grammar-constrained tool-call
 * round trip through the {@link AgentLoop}: the tool's JSON Schema becomes llama.cpp's grammar, the model's output is
 * parsed as a tool call, the registry runs it against the database, the result goes back into the conversation and
 * the model answers in text. The toy model cannot choose a tool by meaning, so the first round requires a call and
 * offers only {@code update_lead}; what it writes is random but schema-valid, and the lead shows it.
 */
@MicronautTest(transactional = false)
class LocalModelToolRoundTripTest extends DbTestBase {
    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    ToolRegistry registry;
    @Inject
    java.time.Clock clock;

    private LlamaLlmEngine engine;
    private final ExecutorService toolThread = Executors.newSingleThreadExecutor();

    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }

    @BeforeAll
    void load() throws Exception {
        engine = new LlamaLlmEngine(new LlamaConfig("stories260K.gguf", 2048, 1, 2, 0,
                "Tools:\n{tools}", List.of(), false), new ModelFiles(SharedDir.models()));
        engine.warmUp();
    }

    @AfterAll
    void close() {
        toolThread.shutdownNow();
        if (engine != null) { // null when the shared model is missing and the class was skipped
            engine.close();
        }
    }

    /** The first round must call update_lead (the only tool offered then); later rounds are left as the loop asks. */
    private AgentLoop.Model firstRoundCallsUpdateLead(List<ChatRequest> seen) {
        return (request, listener, cancel) -> {
            boolean toolResultSeen = request.messages().stream().anyMatch(m -> m.role() == ChatMessage.Role.TOOL);
            ChatRequest sent = toolResultSeen ? request : new ChatRequest(request.messages(),
                    request.tools().stream().filter(t -> t.name().equals(UpdateLeadTool.NAME)).toList(),
                    request.temperature(), request.maxTokens(), request.stop(), request.sessionKey(),
                    ChatRequest.ToolChoice.REQUIRED);
            seen.add(sent);
            try {
                return CompletableFuture.completedFuture(engine.chat(sent, listener, cancel));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    @Test
    void aGrammarConstrainedToolCallIsRunAndItsResultAnswered() throws Exception {
        Tenant t = Fixtures.tenant(tenants, "local-tools", "+97235550990");
        Lead lead = leads.upsert(t, new LeadUpsert("+972545550990", null, null, LeadSource.CHAT), "chat:test");
        ToolContext ctx = new ToolContext(t, lead.id(), null, clock, "chat:test");
        Conversation conversation = new Conversation("You are a receptionist. Write down what the caller says.", 40);
        List<ChatRequest> requests = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        List<ToolResult> results = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        AgentLoop loop = new AgentLoop(firstRoundCallsUpdateLead(requests), registry, ctx, toolThread, conversation,
                new AgentLoop.Settings(0.0, 512, 2, "local-tools"));

        AgentLoop.Outcome outcome = loop.respond("My name is Dana and I want three rooms", new AgentLoop.Listener() {
            @Override
            public void onText(String delta) {
                text.append(delta);
            }

            @Override
            public void onToolCall(ToolCall call) {
                calls.add(call);
            }

            @Override
            public void onToolResult(ToolCall call, ToolResult result) {
                results.add(result);
            }
        }, new Cancellation()).get();

        assertEquals(2, outcome.rounds(), "a tool round, then the answer");
        assertEquals(1, calls.size());
        ToolCall call = calls.get(0);
        assertEquals("update_lead", call.name());
        JsonNode args = ToolJson.MAPPER.readTree(call.argumentsJson());
        JsonNode schema = ToolJson.MAPPER.readTree(new UpdateLeadTool(null).parametersSchema());
        assertEquals(List.of(), SchemaCheck.problems(schema, args), "the grammar kept the model to the schema: "
                + call.argumentsJson());

        // the result went back into the conversation, right after the call, and the model answered it in text
        List<ChatMessage> history = conversation.messages();
        ChatMessage asked = history.get(history.size() - 3);
        ChatMessage result = history.get(history.size() - 2);
        assertEquals(List.of(call), asked.toolCalls());
        assertEquals(ChatMessage.Role.TOOL, result.role());
        assertEquals(call.id(), result.toolCallId());
        assertEquals(results.get(0).json(), result.content());
        assertTrue(requests.get(1).messages().contains(result), "the second model call saw the tool result");
        assertFalse(text.toString().isBlank(), "the model answered after the tool result");
        assertEquals(text.toString(), history.get(history.size() - 1).content());
        assertEquals(text.toString(), outcome.text());

        // what the tool did is in the database: saved fields, or an error the model saw and nothing changed
        Lead after = leads.get(t, lead.id());
        if (results.get(0).error()) {
            assertEquals(lead.qualification(), after.qualification(), results.get(0).json());
        } else {
            assertTrue(ToolJson.MAPPER.readTree(results.get(0).json()).path("saved").asBoolean(),
                    results.get(0).json());
            if (args.hasNonNull("name")) {
                assertEquals(LeadService.name(args.get("name").asText()), after.name());
            }
            for (String key : List.of("intent", "property_type", "timeline", "pre_approved", "has_agent", "notes")) {
                if (args.hasNonNull(key)) {
                    assertEquals(args.get(key).asText().strip(), after.qualification().get(key), key);
                }
            }
        }
        System.out.println("local model tool call: " + call.argumentsJson() + " -> " + results.get(0).json()
                + " -> \"" + text + "\"");
    }
}
