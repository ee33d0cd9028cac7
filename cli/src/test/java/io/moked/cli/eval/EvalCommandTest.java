package io.moked.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.ExitCode;
import io.moked.cli.chat.ChatCommandTest;
import io.moked.cli.sim.upstream.UpstreamSimulator;
import io.moked.cli.testsupport.TestDatabase;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code agentctl eval run} and {@code prompt activate --require-eval} in-process on SQLite, the assistant's model
 * being the upstream simulator scripted with the receptionist's tools: a suite that passes, one that fails (exit 1,
 * JUnit report), and nothing of the tenant's real data changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvalCommandTest {
    @TempDir
    static Path dir;
    TestDatabase database;
    UpstreamSimulator sim;
    CliRun cli;
    Tenant tenant;

    static final String PASSING = """
            name: basics
            conversations:
              - name: qualifies and books a viewing
                as: "052-555-7801"
                turns:
                  - say: "אני מחפשת שלושה חדרים ביפו"
                    expect:
                      tools: [{name: update_lead, arguments: {rooms: 3, areas: ["יפו"]}}]
                      reply_contains: "רשמתי"
                      no_tools: [book_meeting]
                  - say: "אפשר לבוא לראות?"
                    expect:
                      tools: [{name: book_meeting, arguments: {kind: viewing}}]
                      reply_not_contains: "תפוסה"
                expect:
                  lead: {name: "דנה", rooms: "3", intent: rent}
                  meeting_booked: viewing
                  max_turns: 2
              - name: a returning caller is known
                as: "052-555-7803"
                turns:
                  - say: "שלום"
                expect:
                  lead: {name: "יעל", timeline: asap}
                  reply_contains: "אני כאן לעזור"
              - name: says goodbye
                turns:
                  - say: "תודה, להתראות"
                  - say: "never sent: the assistant ended the chat"
                expect:
                  ended: end_call
                  max_turns: 1
            """;

    static final String FAILING = """
            name: strict
            conversations:
              - name: wants a budget
                as: "052-555-7802"
                turns:
                  - say: "אני מחפשת שלושה חדרים ביפו"
                    expect:
                      reply_contains: "מה התקציב"
                expect:
                  lead: {budget: "7000"}
                  tools: [{name: update_lead, arguments: {rooms: 4}}]
              - name: books
                as: "052-555-7804"
                turns:
                  - say: "אפשר לבוא לראות?"
                expect:
                  meeting_booked: true
            """;

    @BeforeAll
    void start() throws Exception {
        database = TestDatabase.sqlite();
        Instant probe = Instant.now();
        sim = ChatCommandTest.simulator(dir, nextSlot(probe));
        cli = ChatCommandTest.cli(database, sim);
        tenant = ChatCommandTest.tenant(cli, "eval-homes", "03-555-7800");
        LeadService leads = cli.runtime().bean(LeadService.class);
        Lead known = leads.upsert(tenant, new LeadUpsert("052-555-7803", "יעל", null, LeadSource.CALL), "test");
        leads.update(tenant, known.id(), new LeadPatch(null, null, null, Map.of("timeline", "asap"), null, null),
                "test");
    }

    private static String nextSlot(Instant now) {
        java.time.ZonedDateTime day = now.atZone(java.time.ZoneId.of("Asia/Jerusalem")).plusDays(1);
        while (day.getDayOfWeek() == java.time.DayOfWeek.FRIDAY
                || day.getDayOfWeek() == java.time.DayOfWeek.SATURDAY) {
            day = day.plusDays(1);
        }
        return day.toLocalDate() + "T10:00";
    }

    @AfterAll
    void stop() {
        if (cli != null) {
            cli.close();
        }
        if (sim != null) {
            sim.close();
        }
        database.close();
    }

    private void assertRealDataUntouched() {
        LeadService leads = cli.runtime().bean(LeadService.class);
        for (String phone : new String[] {"+972525557801", "+972525557802", "+972525557804"}) {
            assertTrue(leads.findByPhone(tenant, phone).isEmpty(), phone + " exists only in the eval's copy");
        }
        Lead known = leads.findByPhone(tenant, "+972525557803").orElseThrow();
        assertEquals(Map.of("timeline", "asap"), known.qualification());
        assertTrue(cli.runtime().bean(MeetingService.class).busyBetween(tenant, Instant.now(),
                Instant.now().plus(90, ChronoUnit.DAYS)).isEmpty(), "no meeting booked in the real diary");
    }

    @Test
    void aPassingSuitePassesOnACopyAndChangesNothingReal() throws Exception {
        Path suite = Files.writeString(dir.resolve("basics.yaml"), PASSING);
        Path report = dir.resolve("reports/basics.xml");
        CliRun.Result r = cli.ok("eval", "run", suite.toString(), "--tenant", "eval-homes", "--report",
                report.toString());
        assertTrue(r.out().contains("PASS  qualifies and books a viewing  (2 turns, 10 expectations)"), r.out());
        assertTrue(r.out().contains("PASS  says goodbye  (1 turns, 2 expectations)"), r.out());
        assertTrue(r.out().contains("Passed: 3 of 3 conversations (tenant 'eval-homes', voice prompt v1, suite "
                + "basics)"), r.out());
        String xml = Files.readString(report);
        assertTrue(xml.contains("<testsuite name=\"basics\" tests=\"3\" failures=\"0\""), xml);
        assertFalse(xml.contains("<failure"), xml);
        assertRealDataUntouched();

        JsonNode json = cli.ok("eval", "run", suite.toString(), "--tenant", "eval-homes", "-o", "json").json();
        assertTrue(json.path("passed").asBoolean(), json.toString());
        assertEquals(3, json.path("conversations").size());
        assertRealDataUntouched();
    }

    @Test
    void aFailingSuiteExitsOneNamesEveryFailedExpectationAndWritesJunit() throws Exception {
        Path suite = Files.writeString(dir.resolve("strict.yaml"), FAILING);
        Path report = dir.resolve("strict.xml");
        CliRun.Result r = cli.run("eval", "run", suite.toString(), "--tenant", "eval-homes", "--report",
                report.toString());
        assertEquals(ExitCode.FAILURE, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  wants a budget"), r.out());
        assertTrue(r.out().contains("turn 1: reply does not contain 'מה התקציב'"), r.out());
        assertTrue(r.out().contains("conversation: lead budget is not set, expected '7000'"), r.out());
        assertTrue(r.out().contains("conversation: update_lead not called with {\"rooms\":4} (called with"), r.out());
        assertTrue(r.out().contains("PASS  books"), r.out());
        assertTrue(r.out().contains("Failed: 1 of 2 conversations"), r.out());
        String xml = Files.readString(report);
        assertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml);
        assertTrue(xml.contains("<failure message=\"turn 1: reply does not contain"), xml);
        assertRealDataUntouched();
    }

    @Test
    void activationRequiresThePassingSuite() throws Exception {
        PromptService prompts = cli.runtime().bean(PromptService.class);
        int v2 = prompts.push(tenant, Channel.VOICE, "את {{assistant_name}}. גרסה חדשה.", "v2", "test").version();
        Path strict = Files.writeString(dir.resolve("strict2.yaml"), FAILING);
        CliRun.Result refused = cli.run("prompt", "activate", "--tenant", "eval-homes", Integer.toString(v2),
                "--require-eval", strict.toString());
        assertEquals(ExitCode.FAILURE, refused.exitCode());
        assertTrue(refused.errLine().contains("voice prompt v" + v2 + " not activated: suite strict failed in 1 of 2"),
                refused.err());
        assertEquals(1, prompts.active(tenant, Channel.VOICE).orElseThrow().version(), "still the old version");

        Path basics = Files.writeString(dir.resolve("basics2.yaml"), PASSING);
        CliRun.Result ok = cli.ok("prompt", "activate", "--tenant", "eval-homes", Integer.toString(v2),
                "--require-eval", basics.toString());
        assertTrue(ok.out().contains("Activated voice prompt v" + v2), ok.out());
        assertEquals(v2, prompts.active(tenant, Channel.VOICE).orElseThrow().version());
        prompts.activate(tenant, Channel.VOICE, 1, "test"); // the other tests expect v1
        assertRealDataUntouched();
    }

    @Test
    void badSuitesAreOneLineErrors() throws Exception {
        CliRun.Result missing = cli.run("eval", "run", dir.resolve("none.yaml").toString(), "--tenant",
                "eval-homes");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, missing.exitCode());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "conversations:\n  - name: x\n    turns:\n"
                + "      - say: hi\n        expect: {meeting_booked: maybe}\n");
        CliRun.Result invalid = cli.run("eval", "run", bad.toString(), "--tenant", "eval-homes");
        assertEquals(ExitCode.USAGE, invalid.exitCode(), invalid.err());
        assertTrue(invalid.errLine().contains("meeting_booked must be true, false, viewing or meeting"),
                invalid.err());
    }
}
