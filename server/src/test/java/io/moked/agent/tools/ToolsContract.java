package io.moked.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadFacts;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.lead.Tier;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.llm.ToolCall;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import io.moked.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tools through the registry, as the model calls them: a scripted conversation's tool calls land in the lead
 * and the diary; bad calls come back as errors. "Now" is Wednesday 2025-03-26 08:00 in Jerusalem (office opens 09:00).
 */
abstract class ToolsContract extends DbTestBase {
    static final ZoneId IL = ZoneId.of("Asia/Jerusalem");

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
    io.moked.crm.call.CallService calls;
    @Inject
    io.moked.crm.prompt.PromptService prompts;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(TestClock.PROPERTY, at("2025-03-26T08:00").toString());
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(IL).toInstant();
    }

    private ToolContext context(Tenant t, String phone) {
        Lead lead = leads.upsert(t, new LeadUpsert(phone, null, null, LeadSource.CALL), "agent");
        return new ToolContext(t, lead.id(), null, clock, "call:test");
    }

    private JsonNode call(ToolContext ctx, String tool, String args) throws Exception {
        ToolResult r = registry.execute(ctx, new ToolCall("c1", tool, args));
        JsonNode json = ToolJson.MAPPER.readTree(r.json());
        assertEquals(r.error(), json.has("error"), r.json());
        return json;
    }

    @Test
    void qualificationLandsInTheLeadAtOnce() throws Exception {
        clock.set(at("2025-03-26T08:00"));
        Tenant t = Fixtures.tenant(tenants, "tools-lead", "+97235550900");
        ToolContext ctx = context(t, "+972545550900");
        JsonNode r = call(ctx, "update_lead", "{\"name\":\"דנה כהן\",\"intent\":\"buy\",\"areas\":[\"יפו\","
                + "\"פלורנטין\"],\"rooms\":3.5,\"budget\":2500000,\"timeline\":\"asap\"}");
        assertTrue(r.get("saved").asBoolean(), r.toString());
        Lead lead = leads.get(t, ctx.leadId());
        assertEquals("דנה כהן", lead.name());
        assertEquals(Map.of("intent", "buy", "areas", "יפו, פלורנטין", "rooms", "3.5", "budget", "2500000",
                "timeline", "asap"), lead.qualification());
        assertEquals(45, lead.score(), "asap 30 + a defined budget 15");
        call(ctx, "update_lead", "{\"pre_approved\":\"yes\",\"has_agent\":\"no\"}");
        assertEquals(Tier.HOT, leads.get(t, ctx.leadId()).tier());

        assertTrue(call(ctx, "update_lead", "{\"timeline\":\"soon\"}").get("error").asText().contains("timeline"));
        assertTrue(call(ctx, "update_lead", "{\"email\":\"not-an-email\"}").get("error").asText()
                .contains("email"));
        assertTrue(call(ctx, "update_lead", "{\"budget\":-5}").get("error").asText().contains("budget"));
        assertTrue(call(ctx, "update_lead", "{}").has("error"));
        assertTrue(call(ctx, "update_lead", "{\"name\": ").get("error").asText().contains("not valid JSON"));
        assertTrue(call(ctx, "update_lead", "[1]").get("error").asText().contains("JSON object"));
        assertTrue(call(ctx, "order_pizza", "{}").get("error").asText().contains("unknown tool 'order_pizza'"));
        assertEquals("asap", leads.get(t, ctx.leadId()).qualification().get("timeline"), "bad calls change nothing");
    }

    @Test
    void availabilityBookingAndTheLoserGetsTheNearestSlots() throws Exception {
        clock.set(at("2025-03-26T08:00"));
        Tenant t = Fixtures.tenant(tenants, "tools-book", "+97235550901");
        ToolContext dana = context(t, "+972545550901");
        ToolContext ron = context(t, "+972545550902");

        JsonNode free = call(dana, "check_availability", "{\"from\":\"מחר\"}");
        assertEquals("2025-03-27T00:00", free.get("from").asText());
        assertEquals("2025-03-27T09:00", free.get("slots").get(0).get("start").asText());
        assertEquals("2025-03-27T09:30", free.get("slots").get(0).get("end").asText());
        JsonNode afternoon = call(dana, "check_availability", "{\"from\":\"יום חמישי אחרי הצהריים\"}");
        assertEquals("2025-03-27T13:00", afternoon.get("slots").get(0).get("start").asText());

        JsonNode booked = call(dana, "book_meeting", "{\"start\":\"מחר בעשר\",\"kind\":\"viewing\","
                + "\"address\":\"רחוב יפת 12\"}");
        assertTrue(booked.get("booked").asBoolean(), booked.toString());
        assertEquals("2025-03-27T10:00", booked.get("start").asText());
        assertEquals("2025-03-27T10:00", leads.get(t, dana.leadId()).qualification().get(LeadFacts.MEETING_BOOKED));

        JsonNode taken = call(ron, "book_meeting", "{\"start\":\"2025-03-27T10:00\",\"kind\":\"meeting\"}");
        assertFalse(taken.get("booked").asBoolean());
        assertEquals("that slot was just taken", taken.get("reason").asText());
        assertEquals("2025-03-27T09:30", taken.get("alternatives").get(0).get("start").asText());
        assertEquals("2025-03-27T10:30", taken.get("alternatives").get(1).get("start").asText());

        JsonNode closed = call(ron, "book_meeting", "{\"start\":\"2025-03-29T10:00\",\"kind\":\"meeting\"}");
        assertEquals("outside business hours", closed.get("reason").asText());
        assertTrue(call(ron, "book_meeting", "{\"start\":\"יום חמישי\",\"kind\":\"meeting\"}").get("error").asText()
                .contains("not an exact time"));
        assertTrue(call(ron, "book_meeting", "{\"start\":\"מתישהו\",\"kind\":\"meeting\"}").get("error").asText()
                .contains("not a time I understand"));
        assertTrue(call(ron, "book_meeting", "{\"start\":\"מחר בעשר\"}").get("error").asText()
                .contains("kind is required"));

        // reschedule and cancel the caller's own meeting (the only one: no id needed)
        assertTrue(call(ron, "cancel_meeting", "{}").get("error").asText().contains("no upcoming meeting"));
        JsonNode moved = call(dana, "reschedule_meeting", "{\"start\":\"מחר בשתיים\"}");
        assertEquals("2025-03-27T14:00", moved.get("start").asText(), moved.toString());
        assertEquals("2025-03-27T10:00", moved.get("previous_start").asText());
        long id = moved.get("meeting_id").asLong();
        assertTrue(call(ron, "cancel_meeting", "{\"meeting_id\":" + id + "}").get("error").asText()
                .contains("not one of this caller's"));
        JsonNode cancelled = call(dana, "cancel_meeting", "{\"reason\":\"changed plans\"}");
        assertEquals("cancelled", cancelled.get("status").asText());
        assertNull(leads.get(t, dana.leadId()).qualification().get(LeadFacts.MEETING_BOOKED));
    }

    @Test
    void transferWithinHoursCallbackOutsideAndEndCall() throws Exception {
        Tenant t = tenants.create(new TenantSpec("tools-transfer", "משרד", "נועה", null, null, null, null, null,
                "+972-3-555-0999", null, null, null, null, null, null, null, List.of("+97235550903")),
                Fixtures.ACTOR);
        ToolContext ctx = context(t, "+972545550903");
        clock.set(at("2025-03-26T08:00"));
        ToolResult closed = registry.execute(ctx, new ToolCall("c", "transfer_to_human",
                "{\"reason\":\"wants a person\"}"));
        CallDecision.Callback callback = assertInstanceOf(CallDecision.Callback.class, closed.decision());
        assertEquals(at("2025-03-26T09:00"), callback.expectedFrom());
        JsonNode body = ToolJson.MAPPER.readTree(closed.json());
        assertEquals("2025-03-26T09:00", body.get("expect_call_back_from").asText());
        assertEquals(t.messages().get("callback"), body.get("say").asText());
        Lead lead = leads.get(t, ctx.leadId());
        assertEquals("2025-03-26T08:00", lead.qualification().get(LeadFacts.CALLBACK_REQUESTED));
        assertEquals("wants a person", lead.qualification().get("callback_reason"));
        assertEquals(5, lead.score(), "a call-back request scores");

        clock.set(at("2025-03-26T10:00"));
        ToolResult open = registry.execute(ctx, new ToolCall("c", "transfer_to_human", "{}"));
        CallDecision.Transfer transfer = assertInstanceOf(CallDecision.Transfer.class, open.decision());
        assertEquals("+97235550999", transfer.number());

        ToolResult end = registry.execute(ctx, new ToolCall("c", "end_call", "{\"reason\":\"done\"}"));
        assertEquals("done", assertInstanceOf(CallDecision.EndCall.class, end.decision()).reason());
        assertTrue(registry.execute(ctx, new ToolCall("c", "end_call", "{\"why\":1}")).error());
    }

    @Test
    void aReturningCallerIsRememberedInThePromptAndGreeting() throws Exception {
        clock.set(at("2025-03-26T08:00"));
        Tenant t = tenants.create(new TenantSpec("tools-memory", "בית ביפו", "נועה", null, null, null, null, null,
                null, true, null, null, null, null, null, null, List.of("+97235550904")), Fixtures.ACTOR);
        ToolContext ctx = context(t, "+972545550904");
        call(ctx, "update_lead", "{\"name\":\"יעל\",\"timeline\":\"1-3m\",\"areas\":[\"יפו\"]}");
        call(ctx, "book_meeting", "{\"start\":\"2025-03-27T11:00\",\"kind\":\"viewing\"}");
        var earlier = calls.create(t, new io.moked.crm.call.NewCall("CA-earlier", "+972545550904", "+97235550904",
                io.moked.crm.call.Direction.INBOUND, io.moked.crm.call.CallStatus.RINGING, at("2025-03-20T12:00")));
        calls.linkLead(t, earlier.id(), ctx.leadId());
        calls.recordSummary(t, earlier.id(), "  מחפשת 3 חדרים ביפו,\n תחזור אחרי שתדבר עם הבנק ",
                io.moked.crm.call.CallOutcome.QUALIFIED);
        var current = calls.create(t, io.moked.crm.call.NewCall.inbound("CA-now", "+972545550904", "+97235550904"));
        calls.linkLead(t, current.id(), ctx.leadId());
        calls.recordSummary(t, current.id(), "not shown: this is the current call", null);

        prompts.push(t, io.moked.crm.prompt.Channel.VOICE, """
                שם: {{lead_name}}
                ידוע:
                {{lead_known_fields}}
                קודם:
                {{earlier_calls}}
                פנוי:
                {{available_slots}}
                שאלות:
                {{qualification_questions}}
                טון: {{tone}}
                """, null, "test");
        prompts.activate(t, io.moked.crm.prompt.Channel.VOICE, 1, "test");
        Lead lead = leads.get(t, ctx.leadId());
        var rendered = prompts.render(t, io.moked.crm.prompt.Channel.VOICE,
                memory.promptContext(t, lead, current.id(), clock.instant()));
        String text = rendered.text();
        assertTrue(text.contains("שם: יעל\n"), text);
        assertTrue(text.contains("name: יעל\ntimeline: 1-3m\nareas: יפו\nmeeting_booked: 2025-03-27T11:00\n"), text);
        assertTrue(text.matches("(?s).*meeting \\d+: viewing 2025-03-27T11:00\n.*"), text);
        assertTrue(text.contains("קודם:\n2025-03-20T12:00 [qualified]: מחפשת 3 חדרים ביפו, תחזור אחרי שתדבר עם הבנק\n"),
                text);
        assertFalse(text.contains("not shown"), text);
        assertTrue(text.contains("פנוי:\n2025-03-26T09:00\n2025-03-26T09:30\n"), text);
        assertTrue(text.contains("- timeline (required): מתי תרצו להיכנס לנכס? [asap | 1-3m | 3-6m | 6m+ | browsing]"),
                text);
        assertTrue(text.contains("טון: " + t.persona().tone()), text);
        assertTrue(rendered.greeting().startsWith("שלום יעל"), rendered.greeting());
        assertEquals(t.messages().get("recording-disclosure"), rendered.recordingDisclosure());
        assertEquals(rendered.recordingDisclosure() + " " + rendered.greeting(), rendered.spokenGreeting());
        assertTrue(rendered.greeting().contains("בית ביפו"), rendered.greeting());

        // a caller the office does not know yet gets the usual greeting (and still the disclosure)
        var first = prompts.render(t, io.moked.crm.prompt.Channel.VOICE,
                io.moked.crm.prompt.PromptContext.at(clock.instant()));
        assertFalse(first.greeting().contains("יעל"), first.greeting());
        assertTrue(first.spokenGreeting().startsWith(t.messages().get("recording-disclosure") + " שלום, הגעתם"),
                first.spokenGreeting());
    }
}
