package io.moked.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.moked.agent.tools.CallerMemory;
import io.moked.agent.tools.ToolContext;
import io.moked.agent.tools.ToolRegistry;
import io.moked.call.CallConfig;
import io.moked.call.CallPlan;
import io.moked.call.CallTransfers;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallService;
import io.moked.crm.call.NewCall;
import io.moked.crm.call.NewTurn;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.RenderedPrompt;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.engine.Cancellation;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.ProcessorHarness;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.telephony.control.CallControlConfig;
import io.moked.telephony.control.TwilioCallControl;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripted conversations through the real agent loop, tool registry and database: an LLM double in test code emits
 * the tool calls a model would. "Now" is Wednesday 2025-03-26 10:00 in Jerusalem (the office is open 09:00-18:00).
 */
abstract class ReceptionistContract extends DbTestBase {
    static final ZoneId IL = ZoneId.of("Asia/Jerusalem");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSFER_NUMBER = "+97235550999";
    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    ToolRegistry registry;
    @Inject
    TestClock clock;
    @Inject
    CallerMemory memory;
    @Inject
    CallService calls;
    @Inject
    PromptService prompts;
    @Inject
    CallConfig callConfig;

    private ExecutorService toolThread;
    private HttpServer twilio;

    @org.junit.jupiter.api.BeforeEach
    void startTools() {
        toolThread = Executors.newSingleThreadExecutor();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(TestClock.PROPERTY, at("2025-03-26T10:00").toString());
    }

    @AfterEach
    void stop() {
        toolThread.shutdownNow();
        if (twilio != null) {
            twilio.stop(0);
        }
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(IL).toInstant();
    }

    /** Each request gets the next scripted turn: its text streamed word by word, then its tool calls. */
    static final class ScriptedModel implements AgentLoop.Model {
        final Deque<LlmEngine.Completion> script = new ArrayDeque<>();
        final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

        ScriptedModel then(String text, ToolCall... toolCalls) {
            script.add(new LlmEngine.Completion(text, List.of(toolCalls), 1, false));
            return this;
        }

        @Override
        public CompletableFuture<LlmEngine.Completion> chat(ChatRequest request, LlmEngine.Listener listener,
                                                            Cancellation cancel) {
            requests.add(request);
            LlmEngine.Completion turn = script.poll();
            if (turn == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("script ended"));
            }
            for (String w : turn.text().split("(?<= )")) {
                if (!w.isEmpty()) {
                    listener.onText(w);
                }
            }
            return CompletableFuture.completedFuture(turn);
        }

        /** The tool results the model was shown in its last request. */
        List<JsonNode> lastToolResults() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (ChatMessage m : requests.get(requests.size() - 1).messages()) {
                if (m.role() == ChatMessage.Role.TOOL) {
                    out.add(JSON.readTree(m.content()));
                }
            }
            return out;
        }
    }

    private Tenant tenant(String slug, String number) {
        tenants.create(new TenantSpec(slug, "דירות " + slug, "נועה", null, null, null, null, null, TRANSFER_NUMBER,
                null, null, null, null, null, null, null, List.of(number)), "test");
        return tenants.get(slug);
    }

    private Lead caller(Tenant t, String phone) {
        return leads.upsert(t, new LeadUpsert(phone, null, null, LeadSource.CALL), "test");
    }

    private AgentLoop loop(Tenant t, Lead lead, AgentLoop.Model model, java.util.concurrent.Executor tools) {
        return new AgentLoop(model, registry, new ToolContext(t, lead.id(), null, clock, "call:test"), tools,
                new Conversation("system", 40), new AgentLoop.Settings(0.2, 200, 3, "CA-test"));
    }

    private static AgentLoop.Outcome said(AgentLoop loop, String text) throws Exception {
        return loop.respond(text, delta -> { }, new Cancellation()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void qualificationFieldsLandInTheLead() throws Exception {
        clock.set(at("2025-03-26T10:00"));
        Tenant t = tenant("rc-fields", "+97235551001");
        Lead lead = caller(t, "+972545551001");
        ScriptedModel model = new ScriptedModel()
                .then("נעים מאוד דנה. ", new ToolCall("c1", "update_lead", "{\"name\":\"דנה לוי\",\"intent\":\"buy\","
                        + "\"areas\":[\"יפו\"],\"rooms\":4,\"budget\":3000000,\"timeline\":\"1-3m\","
                        + "\"pre_approved\":\"in_process\",\"has_agent\":\"no\"}"))
                .then("רשמתי. מתי נוח לכם לראות דירה?");
        AgentLoop.Outcome out = said(loop(t, lead, model, toolThread),
                "קוראים לי דנה לוי, מחפשת לקנות ארבעה חדרים ביפו עד שלושה מיליון");
        assertEquals("נעים מאוד דנה. רשמתי. מתי נוח לכם לראות דירה?", out.text());
        Lead after = leads.get(t, lead.id());
        assertEquals("דנה לוי", after.name());
        assertEquals("buy", after.qualification().get("intent"));
        assertEquals("יפו", after.qualification().get("areas"));
        assertEquals("4", after.qualification().get("rooms"));
        assertEquals("3000000", after.qualification().get("budget"));
        assertEquals(75, after.score(), "1-3m 25 + in process 15 + no agent 20 + budget 15");
        assertTrue(model.lastToolResults().get(0).get("saved").asBoolean());
    }

    @Test
    void aFreeSlotBooksAndATakenOneIsRefusedWithAlternatives() throws Exception {
        clock.set(at("2025-03-26T10:00"));
        Tenant t = tenant("rc-book", "+97235551002");
        ScriptedModel dana = new ScriptedModel()
                .then("", new ToolCall("b1", "book_meeting", "{\"start\":\"מחר בעשר\",\"kind\":\"viewing\","
                        + "\"address\":\"יפת 12\"}"))
                .then("קבעתי לכם מחר בעשר.");
        said(loop(t, caller(t, "+972545551002"), dana, toolThread), "מחר בעשר מתאים");
        assertTrue(dana.lastToolResults().get(0).get("booked").asBoolean());

        ScriptedModel ron = new ScriptedModel()
                .then("", new ToolCall("b1", "book_meeting", "{\"start\":\"2025-03-27T10:00\",\"kind\":\"viewing\"}"))
                .then("השעה הזו תפוסה, אפשר בעשר וחצי?");
        AgentLoop.Outcome out = said(loop(t, caller(t, "+972545551003"), ron, toolThread), "מחר בעשר");
        JsonNode refused = ron.lastToolResults().get(0);
        assertFalse(refused.get("booked").asBoolean(), refused.toString());
        assertTrue(refused.get("alternatives").size() > 0, refused.toString());
        List<String> alternatives = new ArrayList<>();
        refused.get("alternatives").forEach(a -> alternatives.add(a.get("start").asText()));
        assertEquals(List.of("2025-03-27T09:30", "2025-03-27T10:30"), alternatives.subList(0, 2),
                "the nearest free slots, not the taken one");
        assertEquals("השעה הזו תפוסה, אפשר בעשר וחצי?", out.text(), "the call goes on with a new offer");
    }

    @Test
    void aMalformedToolCallIsAnErrorTheModelSeesAndTheCallGoesOn() throws Exception {
        clock.set(at("2025-03-26T10:00"));
        Tenant t = tenant("rc-bad", "+97235551004");
        Lead lead = caller(t, "+972545551004");
        ScriptedModel model = new ScriptedModel()
                .then("", new ToolCall("x1", "update_lead", "{\"name\": \"דנה"))
                .then("סליחה, איך קוראים לך?")
                .then("", new ToolCall("x2", "update_lead", "{\"name\":\"דנה\"}"))
                .then("תודה דנה.");
        AgentLoop loop = loop(t, lead, model, toolThread);
        assertEquals("סליחה, איך קוראים לך?", said(loop, "אני דנה").text());
        assertTrue(model.lastToolResults().get(0).get("error").asText().contains("not valid JSON"));
        assertNull(leads.get(t, lead.id()).name());
        assertEquals("תודה דנה.", said(loop, "דנה").text());
        assertEquals("דנה", leads.get(t, lead.id()).name());
    }

    @Test
    void aReturningCallerIsGreetedByNameAndTheModelGetsEarlierSummaries() {
        clock.set(at("2025-03-26T10:00"));
        Tenant t = tenant("rc-back", "+97235551005");
        var version = prompts.push(t, Channel.VOICE, "ידוע: {{lead_known_fields}}\nשיחות קודמות: {{earlier_calls}}",
                null, "test");
        prompts.activate(t, Channel.VOICE, version.version(), "test");
        Lead lead = leads.upsert(t, new LeadUpsert("+972545551005", "דנה", null, LeadSource.CALL), "test");
        Call earlier = calls.create(t, NewCall.inbound("CA" + "1".repeat(32), "+972545551005", "+97235551005"));
        calls.linkLead(t, earlier.id(), lead.id());
        calls.recordSummary(t, earlier.id(), "מחפשת 4 חדרים ביפו", CallOutcome.QUALIFIED);
        Call now = calls.create(t, NewCall.inbound("CA" + "2".repeat(32), "+972545551005", "+97235551005"));

        RenderedPrompt p = prompts.render(t, Channel.VOICE, memory.promptContext(t, lead, now.id(),
                clock.instant()));
        assertTrue(p.spokenGreeting().contains("דנה"), p.spokenGreeting());
        assertTrue(p.text().contains("מחפשת 4 חדרים ביפו"), p.text());
        assertTrue(p.text().contains("qualified"), p.text());
    }

    @Test
    void anEscalationPhraseRedirectsTheLiveCallThroughTwilio() throws Exception {
        clock.set(at("2025-03-26T10:00"));
        Tenant t = tenant("rc-esc", "+97235551006");
        tenants.setTwilio(t.slug(), ACCOUNT_SID, "token-0123456789", "test");
        t = tenants.get(t.slug());
        Lead lead = caller(t, "+972545551006");
        ScriptedModel model = new ScriptedModel();
        ProcessorHarness harness = new ProcessorHarness();
        AgentSettings settings = new AgentSettings("", "he", Keypad.NONE, "[{digit}]", "סליחה",
                new EscalationPhrases(t.persona().escalationPhrases()), 0.5, List.of("שוב?"), "להעביר?");
        harness.start(new AgentProcessor(loop(t, lead, model, Runnable::run), settings,
                AgentProcessor.ToolTurns.NONE));
        harness.send(new TranscriptionFrame("אני רוצה לדבר עם נציג בבקשה", 0.9, "he", 0, 1000, 600,
                harness.time().nanoTime(), harness.time().nanoTime()));
        harness.settle();
        assertTrue(model.requests.isEmpty(), "no model for an escalation phrase");
        HangupFrame hangup = harness.downstream(HangupFrame.class).get(0);
        assertEquals(CallEnd.TRANSFERRED, hangup.ending());
        assertEquals(t.message("transfer").orElseThrow(), hangup.say());

        AtomicReference<String> path = new AtomicReference<>();
        AtomicReference<String> twiml = new AtomicReference<>();
        String callSid = "CA" + "3".repeat(32);
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : body.split("&")) {
                if (pair.startsWith("Twiml=")) {
                    twiml.set(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
                }
            }
            byte[] ok = ("{\"sid\":\"" + callSid + "\",\"status\":\"in-progress\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        twilio.start();
        CallTransfers transfers = new CallTransfers(new TwilioCallControl(new CallControlConfig(
                "http://127.0.0.1:" + twilio.getAddress().getPort(), 20, 5000)), tenants, callConfig,
                "https://moked.example.test/");
        CallPlan plan = new CallPlan(t, 1, lead.id(), callSid, lead.phone(), "+97235551006", "p", "", "he", null,
                null, false, TRANSFER_NUMBER, Map.of(), "sorry", CompletableFuture.completedFuture(null));
        assertTrue(transfers.redirect(plan, hangup.say()));
        assertEquals("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/" + callSid + ".json", path.get());
        assertEquals(TwilioCallControl.transferTwiml(TRANSFER_NUMBER, 20,
                "https://moked.example.test" + CallTransfers.DIAL_ACTION_PATH, hangup.say(), "he-IL"), twiml.get());
        assertTrue(twiml.get().contains(">" + TRANSFER_NUMBER + "</Dial>"), twiml.get());
    }

    @Test
    void outsideBusinessHoursTheEscalationRecordsACallBackAndTheCallGoesOn() {
        clock.set(at("2025-03-26T20:00"));
        Tenant t = tenant("rc-late", "+97235551007");
        Lead lead = caller(t, "+972545551007");
        ScriptedModel model = new ScriptedModel();
        ProcessorHarness harness = new ProcessorHarness();
        AgentSettings settings = new AgentSettings("", "he", Keypad.NONE, "[{digit}]", "סליחה",
                new EscalationPhrases(t.persona().escalationPhrases()), 0.5, List.of("שוב?"), "להעביר?");
        harness.start(new AgentProcessor(loop(t, lead, model, Runnable::run), settings,
                AgentProcessor.ToolTurns.NONE));
        harness.send(new TranscriptionFrame("speak to a human please", 0.9, "en", 0, 1000, 600,
                harness.time().nanoTime(), harness.time().nanoTime()));
        harness.settle();
        assertTrue(harness.downstream(HangupFrame.class).isEmpty(), "no one to transfer to");
        String said = harness.downstream(io.moked.pipeline.LlmTextFrame.class).get(0).text();
        assertEquals(t.message(t.persona().callbackMessage()).orElseThrow(), said);
        assertNotNull(leads.get(t, lead.id()).qualification().get("callback_requested"));
    }

    @Test
    void afterTheCallTheSummaryAndOutcomeAreStoredAndAFailureLeavesTheCallAlone() throws Exception {
        clock.set(at("2025-03-26T10:00"));
        Tenant t = tenant("rc-sum", "+97235551008");
        Lead lead = caller(t, "+972545551008");
        Call call = calls.create(t, NewCall.inbound("CA" + "4".repeat(32), lead.phone(), "+97235551008"));
        calls.appendTurn(t, call.id(), NewTurn.user("אני רוצה לראות את הדירה ביפת", 0, 1000, 0.9));
        calls.appendTurn(t, call.id(), NewTurn.assistant("קבעתי מחר בעשר", 1200, 2000, false, 300));
        ScriptedModel model = new ScriptedModel().then("", new ToolCall("s1", CallSummarizer.TOOL,
                "{\"summary\":\"דנה קבעה צפייה ביפת מחר בעשר.\",\"outcome\":\"booked\"}"));
        CallSummarizer summarizer = new CallSummarizer(model, calls, leads, "summarize", 5000, 200, 1);
        summarizer.summarizeLater(t, call.id(), lead.id()).get(30, TimeUnit.SECONDS);
        Call stored = calls.get(t, call.id());
        assertEquals("דנה קבעה צפייה ביפת מחר בעשר.", stored.summary());
        assertEquals(CallOutcome.BOOKED, stored.outcome());
        assertEquals("booked", leads.get(t, lead.id()).qualification().get(CallSummarizer.LEAD_OUTCOME));
        assertEquals(ChatRequest.ToolChoice.REQUIRED, model.requests.get(0).toolChoice());
        assertTrue(model.requests.get(0).messages().get(1).content().contains("user: אני רוצה לראות"));

        Call other = calls.create(t, NewCall.inbound("CA" + "5".repeat(32), lead.phone(), "+97235551008"));
        calls.appendTurn(t, other.id(), NewTurn.user("שלום", 0, 500, 0.9));
        CallSummarizer broken = new CallSummarizer((r, l, c) -> CompletableFuture.failedFuture(
                new IllegalStateException("model down")), calls, leads, "summarize", 5000, 200, 1);
        broken.summarizeLater(t, other.id(), lead.id()).get(30, TimeUnit.SECONDS);
        Call untouched = calls.get(t, other.id());
        assertNull(untouched.summary());
        assertNull(untouched.outcome());
        assertEquals("booked", leads.get(t, lead.id()).qualification().get(CallSummarizer.LEAD_OUTCOME));
    }

    @Test
    void toolCallsAreStoredAsToolTurnsOfTheCall() throws Exception {
        clock.set(at("2025-03-26T10:00"));
        Tenant t = tenant("rc-turns", "+97235551009");
        Lead lead = caller(t, "+972545551009");
        Call call = calls.create(t, NewCall.inbound("CA" + "6".repeat(32), lead.phone(), "+97235551009"));
        CallPlan plan = new CallPlan(t, call.id(), lead.id(), call.callSid(), lead.phone(), "+97235551009", "p", "",
                "he", null, null, false, null, Map.of(), "sorry", CompletableFuture.completedFuture(null));
        io.moked.call.CallRecorder recorder = new io.moked.call.CallRecorder(plan,
                new io.moked.call.CrmCallJournal(calls), new io.moked.call.CallMetrics(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), Runnable::run,
                new io.moked.pipeline.PipelineContext(Runnable::run, Map.of()), null);
        ScriptedModel model = new ScriptedModel()
                .then("", new ToolCall("u1", "update_lead", "{\"rooms\":3}"), new ToolCall("u2", "update_lead", "{oops"))
                .then("רשמתי.");
        AgentLoop loop = new AgentLoop(model, registry, new ToolContext(t, lead.id(), call.id(), clock, "call:test"),
                toolThread, new Conversation("system", 40), new AgentLoop.Settings(0.2, 200, 3, call.callSid()));
        loop.respond("שלושה חדרים", new AgentLoop.Listener() {
            @Override
            public void onText(String delta) {
            }

            @Override
            public void onToolResult(ToolCall c, io.moked.agent.tools.ToolResult r) {
                recorder.toolTurn(c, r);
            }
        }, new Cancellation()).get(30, TimeUnit.SECONDS);
        var turns = calls.turns(t, call.id());
        assertEquals(2, turns.size());
        assertEquals(io.moked.crm.call.TurnRole.TOOL, turns.get(0).role());
        JsonNode first = JSON.readTree(turns.get(0).text());
        assertEquals("update_lead", first.get("tool").asText());
        assertEquals(3, first.get("arguments").get("rooms").asInt());
        assertTrue(first.get("result").get("saved").asBoolean());
        JsonNode second = JSON.readTree(turns.get(1).text());
        assertEquals("{oops", second.get("arguments").asText(), "a malformed call is kept as the model sent it");
        assertTrue(second.get("result").has("error"));
    }
}
