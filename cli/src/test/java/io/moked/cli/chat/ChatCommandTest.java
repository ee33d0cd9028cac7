package io.moked.cli.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.output.BidiText;
import io.moked.cli.output.Json;
import io.moked.cli.sim.upstream.SimScript;
import io.moked.cli.sim.upstream.SimSettings;
import io.moked.cli.sim.upstream.UpstreamSimulator;
import io.moked.cli.testsupport.TestDatabase;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code agentctl chat} in-process on SQLite, its OpenAI-compatible engine pointed at the upstream simulator scripted
 * with the receptionist's tool calls: scripted lines reach the real tools and database, JSON events and the
 * transcript with and without bidi reordering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class ChatCommandTest {
    public static final String GREETING = "שלום, הגעת לדירות הים, מדברת נועה.";
    static final String AFTER_LEAD = "רשמתי. מתי נוח לך לבוא לראות?";
    static final String BOOKED = "מעולה, קבעתי לך.";

    @TempDir
    static Path dir;
    TestDatabase database;
    UpstreamSimulator sim;
    CliRun cli;
    String slot;

    /** A simulator script and the CLI runtime pointed at it; shared with the eval tests. */
    public static UpstreamSimulator simulator(Path dir, String slot) throws Exception {
        Path script = Files.writeString(dir.resolve("receptionist.yaml"), """
                chat:
                  rules:
                    - match: "שלושה חדרים"
                      tool_call:
                        name: update_lead
                        arguments: {"name": "דנה", "intent": "rent", "rooms": 3, "areas": ["יפו"]}
                    - match: "לראות"
                      tool_call:
                        name: book_meeting
                        arguments: {"start": "%s", "kind": "viewing", "address": "יפת 10"}
                    - match: "להתראות"
                      tool_call: {name: end_call, arguments: {"reason": "done"}}
                  after_tool:
                    - tool: update_lead
                      match: '"saved"'
                      reply: "%s"
                    - tool: book_meeting
                      match: '"booked":true'
                      reply: "%s"
                  default_reply: "אני כאן לעזור."
                  after_tool_reply: "משהו השתבש."
                transcriptions: ["x"]
                """.formatted(slot, AFTER_LEAD, BOOKED));
        return UpstreamSimulator.start(new SimSettings("127.0.0.1", 0, 0, 2000, 0, 0.1, SimScript.load(script)));
    }

    public static CliRun cli(TestDatabase database, UpstreamSimulator sim) {
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin");
        database.properties().forEach(builder::property);
        builder.property("moked.openai.base-url", sim.baseUrl());
        builder.property("moked.openai.api-key", "upstream-sim");
        builder.property("moked.engines.llm.order", List.of("openai"));
        // the first request of a fresh JVM loads the OpenAI client; on a loaded test machine that alone can pass the
        // 8 s first-token deadline, which is about a model, not about class loading
        builder.property("moked.engines.llm.timeout-ms", 60_000);
        return new CliRun(builder.build());
    }

    /** The tenant with an active voice prompt carrying the greeting. */
    public static Tenant tenant(CliRun cli, String slug, String number) {
        TenantService tenants = cli.runtime().bean(TenantService.class);
        tenants.create(new TenantSpec(slug, "דירות הים", "נועה", null, null, GREETING, null, null, null, false, 2,
                4, null, null, null, null, List.of(number)), "test");
        Tenant t = tenants.get(slug);
        PromptService prompts = cli.runtime().bean(PromptService.class);
        var v = prompts.push(t, Channel.VOICE, "את {{assistant_name}} מ{{business_name}}. {{lead_known_fields}}",
                null, "test");
        prompts.activate(t, Channel.VOICE, v.version(), "test");
        return t;
    }

    /** 10:00 on the first day after today when the office is open then, tenant-local. */
    public static String nextOpenTenOClock(Tenant t) {
        ZonedDateTime day = ZonedDateTime.now(t.zoneId()).plusDays(1).withHour(10).withMinute(0).withSecond(0)
                .withNano(0);
        while (!t.businessHours().isOpen(day)) {
            day = day.plusDays(1);
        }
        return day.toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    }

    @BeforeAll
    void start() throws Exception {
        database = TestDatabase.sqlite();
        // the slot is known before the tenant exists: default hours, default zone
        ZonedDateTime day = ZonedDateTime.now(ZoneId.of("Asia/Jerusalem")).plusDays(1);
        while (day.getDayOfWeek() == java.time.DayOfWeek.FRIDAY || day.getDayOfWeek() == java.time.DayOfWeek.SATURDAY) {
            day = day.plusDays(1);
        }
        slot = day.toLocalDate() + "T10:00";
        sim = simulator(dir, slot);
        cli = cli(database, sim);
        Tenant t = tenant(cli, "chat-homes", "03-555-7700");
        assertEquals(slot, nextOpenTenOClock(t), "the default hours are open at the scripted slot");
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

    private static List<JsonNode> events(CliRun.Result r) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                events.add(Json.mapper().readTree(line));
            }
        }
        return events;
    }

    @Test
    void aScriptedChatFillsTheLeadBooksAndEndsWithOneJsonEventPerLine() throws IOException {
        Path script = Files.writeString(dir.resolve("caller.txt"), """
                # a returning-caller test line
                אני מחפשת שלושה חדרים ביפו

                אפשר לבוא לראות מחר?
                תודה, להתראות
                זה לא יישלח
                """);
        CliRun.Result r = cli.ok("chat", "--tenant", "chat-homes", "--as", "052-555-7701", "--script",
                script.toString(), "-o", "json");
        List<JsonNode> events = events(r);
        assertEquals(GREETING, events.get(0).path("text").asText(), r.out());
        assertEquals("assistant", events.get(0).path("role").asText());
        assertEquals("user", events.get(1).path("role").asText());
        JsonNode lead = events.get(2);
        assertEquals("update_lead", lead.path("tool").asText(), r.out());
        assertEquals(3, lead.path("arguments").path("rooms").asInt());
        assertTrue(lead.path("result").path("saved").asBoolean(), r.out());
        assertEquals(AFTER_LEAD, events.get(3).path("text").asText());
        JsonNode book = events.get(5);
        assertEquals("book_meeting", book.path("tool").asText(), r.out());
        assertTrue(book.path("result").path("booked").asBoolean(), r.out());
        assertEquals(BOOKED, events.get(6).path("text").asText());
        assertEquals("end_call", events.get(8).path("tool").asText(), r.out());
        assertEquals("end_call", events.get(events.size() - 1).path("ended").asText(), r.out());
        assertFalse(r.out().contains("זה לא יישלח"), "nothing is sent after the assistant ended the chat");
        assertTrue(r.err().contains("1 more line(s) not sent"), r.err());

        Tenant t = cli.runtime().bean(TenantService.class).get("chat-homes");
        Lead saved = cli.runtime().bean(LeadService.class).findByPhone(t, "+972525557701").orElseThrow();
        assertEquals("דנה", saved.name());
        assertEquals("3", saved.qualification().get("rooms"));
        assertEquals("יפו", saved.qualification().get("areas"));
        List<Meeting> meetings = cli.runtime().bean(MeetingService.class).forLead(t, saved.id());
        assertEquals(1, meetings.size());
        assertEquals(LocalDateTime.parse(slot), LocalDateTime.ofInstant(meetings.get(0).startsAt(), t.zoneId()));
    }

    @Test
    void theTranscriptIsLaidOutRightToLeftOnlyWhenAskedOrNeeded() throws IOException {
        Path script = Files.writeString(dir.resolve("hello.txt"), "שלום\n");
        CliRun.Result reordered = cli.ok("chat", "--tenant", "chat-homes", "--script", script.toString(),
                "--bidi", "reorder");
        CliRun.Result logical = cli.ok("chat", "--tenant", "chat-homes", "--script", script.toString(),
                "--bidi", "none");
        assertTrue(logical.out().lines().anyMatch(l -> l.startsWith("assistant") && l.endsWith(GREETING)),
                logical.out());
        assertTrue(logical.out().lines().anyMatch(l -> l.startsWith("caller") && l.endsWith("שלום")));
        assertTrue(logical.out().lines().anyMatch(l -> l.startsWith("assistant") && l.endsWith("אני כאן לעזור.")));
        assertTrue(reordered.out().lines().anyMatch(l -> l.startsWith("assistant")
                && l.contains(BidiText.toVisual(GREETING))), reordered.out());
        assertFalse(reordered.out().contains(GREETING), "no logical-order Hebrew left: " + reordered.out());
        assertTrue(logical.err().contains("anonymous"), logical.err());
    }

    @Test
    void anAnonymousChatsLeadToolsAnswerTheModelWithAnErrorAndTheChatGoesOn() throws IOException {
        Path script = Files.writeString(dir.resolve("anon.txt"), "שלושה חדרים בבקשה\nשלום\n");
        CliRun.Result r = cli.ok("chat", "--tenant", "chat-homes", "--script", script.toString(), "-o", "json");
        List<JsonNode> events = events(r);
        JsonNode tool = events.stream().filter(e -> e.has("tool")).findFirst().orElseThrow();
        assertTrue(tool.path("result").has("error"), r.out());
        assertEquals("משהו השתבש.", events.get(3).path("text").asText(), r.out());
        assertEquals("אני כאן לעזור.", events.get(events.size() - 1).path("text").asText(), r.out());
    }

    @Test
    void pipedInputIsAScriptToo() throws IOException {
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin").stdin(
                new java.io.ByteArrayInputStream("\uFEFFשלום\n# comment\nמה שלומך\n".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
        cli.runtime().properties().forEach(builder::property);
        try (CliRun piped = new CliRun(builder.build())) {
            CliRun.Result r = piped.ok("chat", "--tenant", "chat-homes", "-o", "json");
            List<JsonNode> events = events(r);
            assertEquals(List.of(GREETING, "שלום", "אני כאן לעזור.", "מה שלומך", "אני כאן לעזור."),
                    events.stream().map(e -> e.path("text").asText()).toList(), r.out());
        }
    }

    @Test
    void badInputIsOneLineWithTheRightExitCode() throws IOException {
        CliRun.Result missing = cli.run("chat", "--tenant", "chat-homes", "--script", dir.resolve("nope.txt")
                .toString());
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, missing.exitCode());
        assertTrue(missing.errLine().contains("no such file"), missing.err());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# only a comment\n\n");
        CliRun.Result nothing = cli.run("chat", "--tenant", "chat-homes", "--script", empty.toString());
        assertEquals(ExitCode.USAGE, nothing.exitCode());
        CliRun.Result tenant = cli.run("chat", "--tenant", "no-such", "--script", empty.toString());
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, tenant.exitCode());
    }
}
