package io.moked.cli.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.TestDatabase;
import io.moked.crm.audit.AuditService;
import io.moked.crm.lead.LeadService;
import io.moked.crm.meeting.MeetingKind;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.meeting.NewMeeting;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** agentctl lead ... in-process on SQLite: output, exit codes, one-line errors, confirmation, progress. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadCommandsTest {
    private TestDatabase database;
    private CliRun cli;
    private final SwitchableInput stdin = new SwitchableInput();

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        database = TestDatabase.sqlite();
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin").stdin(stdin);
        database.properties().forEach(builder::property);
        cli = new CliRun(builder.build());
    }

    @AfterAll
    void stop() {
        cli.close();
        database.close();
    }

    @Test
    void importPrintsASummaryAndRejectsAndShowGivesTheScriptInterface() throws IOException {
        tenant("lc-import", "03-555-8100");
        Path file = write("office.csv", "שם,נייד,אימייל,עיר/אזור,תקציב,קומה\r\n"
                + "דנה כהן,052-555-8101,dana@example.com,\"תל אביב, יפו\",2500000,3\r\n"
                + "יוסי,12345,,,,\r\n");
        CliRun.Result result = cli.ok("lead", "import", "--tenant", "lc-import", file.toString());
        assertTrue(result.out().contains("Imported " + file + " into tenant 'lc-import' (csv, UTF-8, duplicates: skip)"),
                result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("Created:\\s+1")), result.out());
        assertTrue(result.out().contains("Rejected:   1  -> " + dir.resolve("office.rejects.csv")), result.out());
        assertTrue(result.out().contains("  line 3: invalid phone number '12345'"), result.out());
        assertTrue(result.out().contains("Ignored columns: קומה (import them with --map 'COLUMN=FIELD')"),
                result.out());
        assertTrue(Files.exists(dir.resolve("office.rejects.csv")));

        JsonNode again = cli.ok("lead", "import", "--tenant", "lc-import", file.toString(), "--map", "קומה=floor",
                "--on-duplicate", "merge", "--rejects", dir.resolve("r2.csv").toString(), "-o", "json").json();
        assertEquals(1, again.get("updated").asInt(), "the floor column now fills a field");
        assertEquals(1, again.get("rejected").asInt());
        assertEquals("merge", again.get("policy").asText());

        Tenant tenant = cli.runtime().bean(TenantService.class).get("lc-import");
        long leadId = cli.runtime().bean(LeadService.class).findByPhone(tenant, "0525558101").orElseThrow().id();
        ZoneId zone = ZoneId.of("Asia/Jerusalem");
        Instant start = LocalDateTime.now(zone).plusDays(2).withHour(11).truncatedTo(ChronoUnit.HOURS).atZone(zone)
                .toInstant();
        cli.runtime().bean(MeetingService.class).book(tenant, new NewMeeting(leadId, null, start, null,
                MeetingKind.VIEWING, "הרצל 1", null), "test");
        cli.ok("lead", "note", "--tenant", "lc-import", "052-555-8101", "asked", "for", "a", "call", "back");

        JsonNode shown = cli.ok("lead", "show", "--tenant", "lc-import", "+972 52 555 8101", "-o", "json").json();
        assertEquals("+972525558101", shown.get("phone").asText());
        assertEquals("דנה כהן", shown.get("name").asText());
        assertEquals("new", shown.get("status").asText());
        // the default scoring (application.yml moked.scoring): a numeric budget 15 + a booked viewing 10
        assertEquals(25, shown.get("score").asInt(), "score=" + shown.get("score"));
        assertEquals("cold", shown.get("tier").asText());
        assertEquals("תל אביב, יפו", shown.get("fields").get("areas").asText());
        assertEquals("3", shown.get("fields").get("floor").asText());
        JsonNode meeting = shown.get("meetings").get(0);
        String day = start.atZone(zone).toLocalDate().toString();
        assertEquals(day + "T11:00", meeting.get("start").asText());
        assertEquals(day + "T11:30", meeting.get("end").asText());
        assertEquals("viewing", meeting.get("kind").asText());
        assertEquals("scheduled", meeting.get("status").asText());
        assertEquals("asked for a call back", shown.get("notes").get(0).get("text").asText());
        assertEquals("test-admin", shown.get("notes").get(0).get("author").asText());

        String view = cli.ok("lead", "show", "--tenant", "lc-import", "0525558101", "--bidi", "none").out();
        assertTrue(view.contains("Status:    חדש (new)"), view);
        assertTrue(view.contains(day + " 11:00 - 11:30  viewing, scheduled, הרצל 1"), view);
        assertTrue(view.contains("test-admin: asked for a call back"), view);
    }

    @Test
    void listFiltersAndPages() throws IOException {
        tenant("lc-list", "03-555-8200");
        StringBuilder csv = new StringBuilder("phone,name,status\r\n");
        for (int i = 0; i < 5; i++) {
            csv.append("052-555-82").append(10 + i).append(",Lead ").append(i).append(i < 2 ? ",מתאים" : ",")
                    .append("\r\n");
        }
        cli.ok("lead", "import", "--tenant", "lc-list", write("list.csv", csv.toString()).toString());
        JsonNode qualified = cli.ok("lead", "list", "--tenant", "lc-list", "--status", "qualified", "-o", "json")
                .json();
        assertEquals(2, qualified.size());
        JsonNode searched = cli.ok("lead", "list", "--tenant", "lc-list", "--search", "052-555-8213", "-o", "json")
                .json();
        assertEquals("Lead 3", searched.get(0).get("name").asText());
        CliRun.Result page = cli.ok("lead", "list", "--tenant", "lc-list", "--limit", "2");
        assertTrue(page.out().startsWith("PHONE"), page.out());
        assertEquals(3, page.out().lines().count(), page.out());
        assertTrue(page.err().contains("Showing 1-2 of 5; next page: --offset 2"), page.err());
        assertEquals(0, cli.ok("lead", "list", "--tenant", "lc-list", "--since", "1d", "--tier", "hot", "-o", "json")
                .json().size());
        assertTrue(cli.ok("lead", "list", "--tenant", "lc-list", "--search", "nobody").out().contains("No leads match."));
    }

    @Test
    void exportToFileImportsIntoAnotherTenantAndStreamsToStdout() throws IOException {
        tenant("lc-exp-a", "03-555-8300");
        tenant("lc-exp-b", "03-555-8301");
        cli.ok("lead", "import", "--tenant", "lc-exp-a", write("a.csv", "טלפון,שם,הערות\r\n"
                + "052-555-8301,\"כהן, דנה\",\"שורה 1\nשורה 2\"\r\n052-555-8302,=cmd,\r\n").toString());
        Path out = dir.resolve("export.csv");
        JsonNode exported = cli.ok("lead", "export", "--tenant", "lc-exp-a", "--bom", "--out", out.toString(), "-o",
                "json").json();
        assertEquals(2, exported.get("leads").asInt());
        byte[] bytes = Files.readAllBytes(out);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]));
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(csv.contains("\r\n052-555-8301,\"כהן, דנה\","), csv);
        assertTrue(csv.contains("\r\n052-555-8302,'=cmd,"), csv);
        assertFalse(Files.exists(dir.resolve(".export.csv.partial")));

        JsonNode imported = cli.ok("lead", "import", "--tenant", "lc-exp-b", out.toString(), "-o", "json").json();
        assertEquals(2, imported.get("created").asInt());
        assertEquals(0, imported.get("rejected").asInt());
        JsonNode b = cli.ok("lead", "show", "--tenant", "lc-exp-b", "052-555-8301", "-o", "json").json();
        assertEquals("כהן, דנה", b.get("name").asText());
        assertEquals("שורה 1\nשורה 2", b.get("fields").get("notes").asText());
        assertEquals("=cmd", cli.ok("lead", "show", "--tenant", "lc-exp-b", "052-555-8302", "-o", "json").json()
                .get("name").asText());

        CliRun.Result stdout = cli.ok("lead", "export", "--tenant", "lc-exp-b", "--format", "jsonl");
        List<String> lines = stdout.out().lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"phone\":\"+972525558301\",\"name\":\"כהן, דנה\""), lines.get(0));
        assertTrue(stdout.err().contains("Exported 2 leads"), stdout.err());
    }

    @Test
    void forgetAsksFirstThenErasesAndAudits() throws IOException {
        tenant("lc-forget", "03-555-8400");
        cli.ok("lead", "import", "--tenant", "lc-forget", write("f.csv", "phone,name\r\n052-555-8401,שרה\r\n")
                .toString());
        stdin.feed("no\n");
        CliRun.Result refused = cli.run("lead", "forget", "--tenant", "lc-forget", "052-555-8401");
        assertEquals(ExitCode.USAGE, refused.exitCode());
        assertTrue(refused.err().contains("everything about +972525558401 (שרה)"), refused.err());
        assertTrue(refused.err().strip().endsWith("error: not confirmed; nothing was erased (type 'yes', or pass --yes)"),
                refused.err());
        cli.ok("lead", "show", "--tenant", "lc-forget", "052-555-8401");

        stdin.feed("yes\n");
        CliRun.Result erased = cli.ok("lead", "forget", "--tenant", "lc-forget", "052-555-8401");
        assertTrue(erased.out().contains("Erased the data of 052-555-8401 in tenant 'lc-forget'"), erased.out());
        CliRun.Result gone = cli.run("lead", "show", "--tenant", "lc-forget", "052-555-8401");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, gone.exitCode());
        assertTrue(gone.errLine().contains("has no lead with phone 052-555-8401"), gone.err());
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT,
                cli.run("lead", "forget", "--tenant", "lc-forget", "052-555-8401", "--yes").exitCode());
        Tenant tenant = cli.runtime().bean(TenantService.class).get("lc-forget");
        assertTrue(cli.runtime().bean(AuditService.class).forTenant(tenant, 10).stream()
                .anyMatch(e -> e.action().equals("lead.forget") && e.actor().equals("test-admin")));
    }

    @Test
    void statusesAndSetStatus() throws IOException {
        tenant("lc-status", "03-555-8500");
        cli.ok("lead", "import", "--tenant", "lc-status", write("s.csv", "phone\r\n052-555-8501\r\n").toString());
        CliRun.Result added = cli.ok("lead", "statuses", "add", "--tenant", "lc-status", "viewing", "--label", "בצפייה",
                "--position", "3", "--bidi", "none");
        assertTrue(added.out().lines().anyMatch(l -> l.matches("\\s*3\\s+viewing\\s+בצפייה")), added.out());
        cli.ok("lead", "statuses", "rename", "--tenant", "lc-status", "viewing", "סיור בנכס");
        cli.ok("lead", "set-status", "--tenant", "lc-status", "052-555-8501", "סיור בנכס");
        assertEquals("viewing", cli.ok("lead", "show", "--tenant", "lc-status", "052-555-8501", "-o", "json").json()
                .get("status").asText());
        JsonNode order = cli.ok("lead", "statuses", "reorder", "--tenant", "lc-status", "contacted", "new", "viewing",
                "qualified", "meeting-set", "won", "lost", "-o", "json").json();
        assertEquals("contacted", order.get(0).get("code").asText());
        assertEquals("סיור בנכס", order.get(2).get("label").asText());

        CliRun.Result unknown = cli.run("lead", "set-status", "--tenant", "lc-status", "052-555-8501", "maybe");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, unknown.exitCode());
        assertTrue(unknown.errLine().contains("unknown lead status 'maybe'"), unknown.err());
        CliRun.Result partial = cli.run("lead", "statuses", "reorder", "--tenant", "lc-status", "new");
        assertEquals(ExitCode.USAGE, partial.exitCode());
        assertTrue(partial.errLine().contains("missing: contacted"), partial.err());
    }

    @Test
    void badInputIsOneLineWithTheRightExitCode() throws IOException {
        tenant("lc-errors", "03-555-8600");
        assertUsage(cli.run("lead", "import", "--tenant", "lc-errors", dir.resolve("missing.csv").toString()),
                "no such file");
        assertUsage(cli.run("lead", "import", "--tenant", "lc-errors", write("x.csv", "שם\r\nדנה\r\n").toString()),
                "no phone column");
        assertUsage(cli.run("lead", "import", "--tenant", "lc-errors", write("y.csv", "phone\r\n").toString(),
                "--on-duplicate", "replace"), "replace");
        assertUsage(cli.run("lead", "import", "--tenant", "lc-errors", dir.resolve("y.csv").toString(), "--map",
                "phone=telephone number"), "unknown import target");
        assertUsage(cli.run("lead", "list", "--tenant", "lc-errors", "--since", "yesterday"), "--since 'yesterday'");
        assertUsage(cli.run("lead", "export", "--tenant", "lc-errors", "--format", "xlsx"), "csv or jsonl");
        assertUsage(cli.run("lead", "export", "--tenant", "lc-errors", "--format", "jsonl", "--bom"), "--bom");
        assertUsage(cli.run("lead", "note", "--tenant", "lc-errors", "not-a-phone", "x"), "invalid phone number");
        CliRun.Result noTenant = cli.run("lead", "list", "--tenant", "nobody");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, noTenant.exitCode());
        noTenant.errLine();
    }

    @Test
    void aLargeImportShowsProgressOnStderr() throws IOException {
        tenant("lc-progress", "03-555-8700");
        StringBuilder csv = new StringBuilder("phone\r\n");
        for (int i = 0; i < LeadImportCommand.PROGRESS_MIN_RECORDS; i++) {
            csv.append("0500").append(String.format("%06d", i)).append("\r\n");
        }
        CliRun.Result result = cli.ok("lead", "import", "--tenant", "lc-progress", "--dry-run",
                write("big.csv", csv.toString()).toString());
        assertTrue(result.err().contains("import big.csv   10% 200/2000"), result.err());
        assertTrue(result.err().contains("2000/2000"), result.err());
        assertTrue(result.out().startsWith("Dry run (nothing written)"), result.out());
        CliRun.Result small = cli.ok("lead", "import", "--tenant", "lc-progress", "--dry-run",
                write("small.csv", "phone\r\n052-555-8701\r\n").toString());
        assertTrue(small.err().isEmpty(), small.err());
        assertNull(cli.runtime().bean(LeadService.class).findByPhone(cli.runtime().bean(TenantService.class)
                .get("lc-progress"), "0500000000").orElse(null), "a dry run writes nothing");
    }

    // -----------------------------------------------------------------------------------------------------------

    private void tenant(String slug, String phone) {
        cli.ok("tenant", "create", "--slug", slug, "--business-name", "משרד " + slug, "--assistant-name", "נועה",
                "--phone", phone);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void assertUsage(CliRun.Result result, String text) {
        assertEquals(ExitCode.USAGE, result.exitCode(), result.command() + ": " + result.err());
        assertTrue(result.errLine().contains(text), result.command() + ": " + result.err());
    }

    /** Standard input whose content each test sets (the runtime, and so its stdin, is shared by the class). */
    private static final class SwitchableInput extends InputStream {
        private InputStream current = new ByteArrayInputStream(new byte[0]);

        void feed(String text) {
            current = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int read() throws IOException {
            return current.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return current.read(b, off, len);
        }
    }
}
