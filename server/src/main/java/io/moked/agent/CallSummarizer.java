package io.moked.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
import io.moked.crm.tenant.Tenant;
import io.moked.engine.Cancellation;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.LlmRouter;
import io.moked.llm.ToolCall;
import io.moked.llm.ToolSpec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * After a call, off the call path: the model reads the call's turns and writes a short summary and an outcome
 * (booked, qualified, call-back, not interested, wrong number, spam) onto the call ({@code calls.summary/outcome},
 * what the assistant is shown on the caller's next calls) and the outcome onto the lead (fact
 * {@value #LEAD_OUTCOME}). The model must answer through the {@code record_summary} tool (a grammar for the local
 * model). Bounded: one worker by default and a bounded queue; a failure is logged and never touches the call record.
 */
@Singleton
public class CallSummarizer {
    /** The lead fact that holds the outcome of the caller's latest summarized call. */
    public static final String LEAD_OUTCOME = "last_call_outcome";
    static final String TOOL = "record_summary";
    private static final Logger LOG = LoggerFactory.getLogger(CallSummarizer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest transcript handed to the model, in characters (the newest part is kept). */
    private static final int MAX_TRANSCRIPT_CHARS = 12_000;
    /** Calls waiting for their summary; beyond this, new ones are skipped (and logged). */
    private static final int QUEUE_CAPACITY = 200;
    private static final String ACTOR = "moked-summary";

    private final AgentLoop.Model model;
    private final CallService calls;
    private final LeadService leads;
    private final String instructions;
    private final long timeoutMs;
    private final int maxTokens;
    private final ExecutorService worker;

    @Inject
    public CallSummarizer(LlmRouter llm, CallService calls, LeadService leads,
                          @Value("${moked.call.summary.instructions}") String instructions,
                          @Value("${moked.call.summary.timeout-ms:60000}") long timeoutMs,
                          @Value("${moked.call.summary.max-tokens:300}") int maxTokens,
                          @Value("${moked.call.summary.threads:1}") int threads) {
        this(llm::chat, calls, leads, instructions, timeoutMs, maxTokens, threads);
    }

    public CallSummarizer(AgentLoop.Model model, CallService calls, LeadService leads, String instructions,
                          long timeoutMs, int maxTokens, int threads) {
        this.model = model;
        this.calls = calls;
        this.leads = leads;
        this.instructions = instructions;
        this.timeoutMs = timeoutMs;
        this.maxTokens = maxTokens;
        int n = Math.max(1, threads);
        this.worker = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "moked-summary");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues the summary of an ended call; returns at once. The future completes when it was written or given up. */
    public CompletableFuture<Void> summarizeLater(Tenant tenant, long callId, long leadId) {
        try {
            return CompletableFuture.runAsync(() -> summarize(tenant, callId, leadId), worker);
        } catch (RejectedExecutionException e) {
            LOG.warn("call {}: no summary, {} calls are already waiting for theirs", callId, QUEUE_CAPACITY);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Blocking; never throws. */
    void summarize(Tenant tenant, long callId, long leadId) {
        try {
            List<CallTurn> turns = calls.turns(tenant, callId);
            if (turns.stream().noneMatch(t -> t.role() == TurnRole.USER && !t.text().isBlank())) {
                return; // the caller said nothing: nothing to summarize
            }
            Optional<Summary> summary = ask(transcript(turns));
            if (summary.isEmpty()) {
                return;
            }
            calls.recordSummary(tenant, callId, summary.get().text(), summary.get().outcome());
            if (leadId > 0) {
                leads.update(tenant, leadId, LeadPatch.qualification(Map.of(LEAD_OUTCOME,
                        summary.get().outcome().id())), ACTOR);
            }
            LOG.info("call {}: summary stored ({})", callId, summary.get().outcome().id());
        } catch (RuntimeException e) {
            LOG.warn("call {}: no summary: {}", callId, e.toString());
        }
    }

    private Optional<Summary> ask(String transcript) {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system(instructions), ChatMessage.user(transcript)),
                List.of(spec()), 0.2, maxTokens, List.of(), null, ChatRequest.ToolChoice.REQUIRED);
        Cancellation cancel = new Cancellation();
        LlmEngine.Completion done;
        try {
            done = model.chat(request, delta -> { }, cancel).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
            return Optional.empty();
        } catch (Exception e) {
            cancel.cancel();
            LOG.warn("the model could not summarize the call: {}", e.toString());
            return Optional.empty();
        }
        String args = done.toolCalls().stream().filter(c -> TOOL.equals(c.name())).map(ToolCall::argumentsJson)
                .findFirst().orElse(done.text());
        return parse(args);
    }

    /** The model's {@code {"summary": ..., "outcome": ...}}; empty (logged) when it is not usable. */
    static Optional<Summary> parse(String json) {
        try {
            JsonNode node = JSON.readTree(json == null ? "" : json);
            String text = node == null ? null : node.path("summary").asText(null);
            if (text == null || text.isBlank()) {
                LOG.warn("the model's summary has no text");
                return Optional.empty();
            }
            return Optional.of(new Summary(text.strip(), CallOutcome.parse(node.path("outcome").asText(""))));
        } catch (Exception e) {
            LOG.warn("the model's summary is not usable: {}", e.getMessage());
            return Optional.empty();
        }
    }

    static ToolSpec spec() {
        String outcomes = String.join(",", Arrays.stream(CallOutcome.values())
                .map(o -> "\"" + o.id() + "\"").toList());
        return new ToolSpec(TOOL, "Record the call's short summary and its outcome.", """
                {"type":"object","additionalProperties":false,"required":["summary","outcome"],"properties":{
                "summary":{"type":"string","maxLength":600,"description":"two or three sentences"},
                "outcome":{"type":"string","enum":[%s]}}}""".formatted(outcomes));
    }

    /** "caller: ..." / "assistant: ..." / "tool: ..." lines, the newest part when long. */
    static String transcript(List<CallTurn> turns) {
        StringBuilder out = new StringBuilder();
        for (CallTurn t : turns) {
            out.append(t.role().id()).append(": ").append(t.text().replace('\n', ' ')).append('\n');
        }
        return out.length() > MAX_TRANSCRIPT_CHARS ? out.substring(out.length() - MAX_TRANSCRIPT_CHARS)
                : out.toString();
    }

    record Summary(String text, CallOutcome outcome) {
    }

    @PreDestroy
    void close() {
        worker.shutdown();
    }
}
