package io.moked.cli.sim.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.moked.cli.CliRun;
import io.moked.cli.sim.SharedData;
import io.moked.cli.sim.upstream.SimScript;
import io.moked.cli.sim.upstream.SimSettings;
import io.moked.cli.sim.upstream.UpstreamSimulator;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallService;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receptionist end to end without a model: the appliance (real Silero VAD, SQLite) with its OpenAI-compatible
 * engines on the upstream simulator, whose script calls the receptionist's tools; {@code agentctl call simulate}
 * places a real-protocol call with two Hebrew utterances. The call ends with the caller's lead filled, a viewing
 * booked and the post-call summary stored (the summarizer's record_summary call is scripted too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceptionistCallEndToEndTest {
    private static final String NUMBER = "+97235550277";
    private static final String CALLER = "+972525557901";
    private static final String ACCOUNT_SID = "AC00000000000000000000000000e2e002";
    private static final String TOKEN = "e2e-auth-token-0123456789abcdee";
    private static final String SUMMARY = "דנה מחפשת שלושה חדרים ביפו וקבעה צפייה.";

    @TempDir
    static Path dir;
    private UpstreamSimulator sim;
    private E2eAppliance fixture;
    private ApplicationContext appliance;
    private int port;
    private Tenant tenant;
    private CliRun cli;
    private String slot;

    @BeforeAll
    void start() throws Exception {
        ZonedDateTime day = ZonedDateTime.now(ZoneId.of("Asia/Jerusalem")).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.FRIDAY || day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            day = day.plusDays(1);
        }
        slot = day.toLocalDate() + "T10:00";
        Path script = Files.writeString(dir.resolve("receptionist.yaml"), """
                transcriptions:
                  - "שלום, קוראים לי דנה ואני מחפשת שלושה חדרים ביפו"
                  - "אפשר לבוא לראות את הדירה?"
                chat:
                  rules:
                    - match: "."
                      tool_call:
                        name: record_summary
                        arguments: {"summary": "%s", "outcome": "booked"}
                    - match: "שלושה חדרים"
                      tool_call:
                        name: update_lead
                        arguments: {"name": "דנה", "intent": "rent", "rooms": 3, "areas": ["יפו"]}
                    - match: "לראות"
                      tool_call:
                        name: book_meeting
                        arguments: {"start": "%s", "kind": "viewing", "address": "יפת 10"}
                  after_tool:
                    - tool: update_lead
                      reply: "רשמתי. מתי נוח לך לבוא לראות?"
                    - tool: book_meeting
                      match: '"booked":true'
                      reply: "קבעתי לך צפייה."
                  default_reply: "אני כאן לעזור."
                """.formatted(SUMMARY, slot));
        sim = UpstreamSimulator.start(SimSettings.defaults(0).withLatency(100, 80, 80, 0.2)
                .withScript(SimScript.load(script)));
        fixture = E2eAppliance.start(E2eAppliance.remoteEngines(dir.resolve("var"), sim.baseUrl()));
        appliance = fixture.context();
        port = fixture.port();
        cli = fixture.cli();
        tenant = fixture.tenant("e2e-recept", NUMBER, ACCOUNT_SID, TOKEN, false,
                "את {{assistant_name}}, נציגת {{business_name}}.");
        fixture.awaitReady();
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aSimulatedCallFillsTheLeadBooksAViewingAndStoresTheSummary() throws Exception {
        CliRun.Result r = cli.ok("call", "simulate", "--url", "http://127.0.0.1:" + port, "--to", NUMBER,
                "--from", CALLER,
                "--audio", SharedData.hebrewUtterance("hebdb_gt_01.wav").toString(),
                "--audio", SharedData.hebrewUtterance("hebdb_gt_09.wav").toString(), "-o", "json");
        JsonNode out = r.json();
        assertTrue(out.path("call").path("completed").asBoolean(), r.err());
        String callSid = out.path("call").path("callSid").asText();

        Lead lead = appliance.getBean(LeadService.class).findByPhone(tenant, CALLER).orElseThrow();
        assertEquals("דנה", lead.name());
        assertEquals("3", lead.qualification().get("rooms"));
        assertEquals("יפו", lead.qualification().get("areas"));
        assertEquals("rent", lead.qualification().get("intent"));
        List<Meeting> meetings = appliance.getBean(MeetingService.class).forLead(tenant, lead.id());
        assertEquals(1, meetings.size(), "one viewing booked");
        assertEquals(LocalDateTime.parse(slot), LocalDateTime.ofInstant(meetings.get(0).startsAt(),
                tenant.zoneId()));
        assertTrue(r.out().contains("קבעתי לך צפייה."), "the caller heard the booking: " + r.out());

        // the summary is written after the call, off its path: wait for it (bounded)
        CallService calls = appliance.getBean(CallService.class);
        Call call = calls.getBySid(tenant, callSid);
        for (int i = 0; i < 120 && call.summary() == null; i++) {
            Thread.sleep(250);
            call = calls.getBySid(tenant, callSid);
        }
        assertEquals(SUMMARY, call.summary());
        assertEquals(CallOutcome.BOOKED, call.outcome());
        System.out.println("receptionist e2e: lead " + lead.qualification() + ", meeting " + slot + ", summary stored");
    }
}
