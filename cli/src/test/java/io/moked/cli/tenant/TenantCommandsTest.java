package io.moked.cli.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.TestDatabase;
import io.moked.crm.audit.AuditEntry;
import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TwilioCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** tenant create/list/show/update/add-number/remove-number/set-twilio in-process on SQLite. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantCommandsTest {
    private static final String TOKEN = "f00dfeedc0ffee99f00dfeedc0ffee99";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";

    private TestDatabase database;
    private CliRun cli;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        database = TestDatabase.sqlite();
        cli = CliRun.on(database);
    }

    @AfterAll
    void stop() {
        cli.close();
        database.close();
    }

    @Test
    void createFromOptionsShowsTheTenantAndDefaults() {
        CliRun.Result created = cli.ok("tenant", "create", "--slug", "ramat-gan", "--business-name", "נדל״ן רמת גן",
                "--assistant-name", "מאיה", "--phone", "03-555-4411", "--hours", "sunday=09:00-17:00",
                "--no-recording", "--max-calls", "2");
        assertTrue(created.out().contains("Slug:"), created.out());
        assertTrue(created.out().contains("+97235554411"), created.out());
        assertTrue(created.out().contains("  sunday:     09:00-17:00"), created.out());
        JsonNode shown = cli.ok("tenant", "show", "--tenant", "ramat-gan", "-o", "json").json();
        assertEquals("Asia/Jerusalem", shown.get("timeZone").asText());
        assertFalse(shown.get("recordingEnabled").asBoolean());
        assertEquals(2, shown.get("maxConcurrentCalls").asInt());
        assertEquals(List.of("09:00-17:00"), List.of(shown.get("businessHours").get("sunday").get(0).asText()));
        String table = cli.ok("tenant", "list").out();
        assertTrue(table.startsWith("SLUG"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("ramat-gan") && l.contains("+97235554411")), table);
    }

    @Test
    void optionsOverrideTheFile() throws Exception {
        JsonNode created = cli.ok("tenant", "create", "--from", resource("tenant-haifa.yaml"), "--slug", "haifa-2",
                "--phone", "04-855-5999", "--assistant-name", "רוני", "-o", "json").json();
        assertEquals("haifa-2", created.get("slug").asText());
        assertEquals("רוני", created.get("assistantName").asText());
        assertEquals("בתים בחיפה", created.get("businessName").asText(), "from the file");
        assertEquals("+97248555999", created.get("phoneNumbers").get(0).asText());
    }

    @Test
    void createNeedsTheEssentials() throws Exception {
        CliRun.Result missing = cli.run("tenant", "create", "--slug", "x-co");
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertTrue(missing.errLine().contains("--business-name"), missing.err());

        CliRun.Result noFile = cli.run("tenant", "create", "--from", tmp.resolve("nope.yaml").toString());
        assertEquals(ExitCode.USAGE, noFile.exitCode());
        assertTrue(noFile.errLine().contains("not found"), noFile.err());

        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "slug: t\nbusiness-nam: X\nassistant-name: Y\n");
        CliRun.Result badKey = cli.run("tenant", "create", "--from", typo.toString());
        assertEquals(ExitCode.USAGE, badKey.exitCode(), badKey.err());
        assertTrue(badKey.errLine().contains("business-nam"), badKey.err());
    }

    @Test
    void updateChangesOnlyWhatIsGivenAndClears() {
        cli.ok("tenant", "create", "--slug", "upd-co", "--business-name", "Before", "--assistant-name", "Dana",
                "--voice", "he-voice-1", "--transfer-number", "052-555-1234");
        JsonNode updated = cli.ok("tenant", "update", "--tenant", "upd-co", "--business-name", "After",
                "--clear", "voice,transfer-number", "--message", "busy=רגע", "-o", "json").json();
        assertEquals("After", updated.get("businessName").asText());
        assertEquals("Dana", updated.get("assistantName").asText());
        assertTrue(updated.get("voice").isNull(), updated.toString());
        assertTrue(updated.get("transferNumber").isNull(), updated.toString());
        assertEquals("רגע", updated.get("messages").get("busy").asText());

        CliRun.Result nothing = cli.run("tenant", "update", "--tenant", "upd-co");
        assertEquals(ExitCode.USAGE, nothing.exitCode());
        CliRun.Result badClear = cli.run("tenant", "update", "--tenant", "upd-co", "--clear", "slug");
        assertEquals(ExitCode.USAGE, badClear.exitCode());
        assertTrue(badClear.errLine().contains("transfer-number"), badClear.err());
        CliRun.Result unknown = cli.run("tenant", "update", "--tenant", "ghost", "--business-name", "x");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, unknown.exitCode());
    }

    @Test
    void numbersAreNormalisedAddedAndRemoved() {
        cli.ok("tenant", "create", "--slug", "num-co", "--business-name", "Num", "--assistant-name", "Dana");
        JsonNode added = cli.ok("tenant", "add-number", "--tenant", "num-co", "972-54-765-4321", "-o", "json").json();
        assertEquals("+972547654321", added.get("phoneNumbers").get(0).asText());
        // the same number in another format is the same number: nothing changes
        JsonNode again = cli.ok("tenant", "add-number", "--tenant", "num-co", "054 765 4321", "-o", "json").json();
        assertEquals(1, again.get("phoneNumbers").size());
        assertTrue(cli.ok("tenant", "remove-number", "--tenant", "num-co", "+972547654321", "-o", "json").json()
                .get("phoneNumbers").isEmpty());
        CliRun.Result notThere = cli.run("tenant", "remove-number", "--tenant", "num-co", "054-765-4321");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, notThere.exitCode(), notThere.err());
        CliRun.Result missingArg = cli.run("tenant", "add-number", "--tenant", "num-co");
        assertEquals(ExitCode.USAGE, missingArg.exitCode());
    }

    @Test
    void setTwilioReadsTheTokenFromAFileAndNeverPrintsIt() throws Exception {
        cli.ok("tenant", "create", "--slug", "tw-co", "--business-name", "Tw", "--assistant-name", "Dana");
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        CliRun.Result table = cli.ok("tenant", "set-twilio", "--tenant", "tw-co", "--account-sid", SID,
                "--auth-token-file", tokenFile.toString(), "--actor", "ops-oren");
        CliRun.Result json = cli.ok("tenant", "show", "--tenant", "tw-co", "-o", "json");
        for (CliRun.Result result : List.of(table, json)) {
            assertFalse(result.out().contains(TOKEN) || result.err().contains(TOKEN), "token printed: " + result);
        }
        assertTrue(json.json().get("twilioConfigured").asBoolean());
        assertEquals(SID, json.json().get("twilioAccountSid").asText());

        TenantService tenants = cli.runtime().bean(TenantService.class);
        TwilioCredentials credentials = tenants.twilioCredentials(tenants.get("tw-co")).orElseThrow();
        assertEquals(TOKEN, credentials.authToken(), "stored without the trailing newline");
        List<AuditEntry> audit = cli.runtime().bean(AuditService.class).forTenant(tenants.get("tw-co"), 10);
        AuditEntry entry = audit.stream().filter(e -> e.action().equals("tenant.set-twilio")).findFirst().orElseThrow();
        assertEquals("ops-oren", entry.actor());
        assertFalse(String.valueOf(entry.after()).contains(TOKEN), "token in the audit log");

        CliRun.Result noFile = cli.run("tenant", "set-twilio", "--tenant", "tw-co", "--account-sid", SID,
                "--auth-token-file", tmp.resolve("missing").toString());
        assertEquals(ExitCode.USAGE, noFile.exitCode());
        Path empty = Files.writeString(tmp.resolve("empty"), "\n");
        assertEquals(ExitCode.USAGE, cli.run("tenant", "set-twilio", "--tenant", "tw-co", "--account-sid", SID,
                "--auth-token-file", empty.toString()).exitCode());
        CliRun.Result badSid = cli.run("tenant", "set-twilio", "--tenant", "tw-co", "--account-sid", "nope",
                "--auth-token-file", tokenFile.toString());
        assertEquals(ExitCode.USAGE, badSid.exitCode(), badSid.err());
    }

    @Test
    void setTwilioCanReadTheTokenFromStdin() {
        try (CliRun piped = new CliRun(CliRuntime.builder()
                .property(CliRuntime.DATA_DIR_PROPERTY, database.dataDir().toString())
                .env("USER", "test-admin")
                .stdin(new ByteArrayInputStream((TOKEN + "\n").getBytes(StandardCharsets.UTF_8)))
                .build())) {
            piped.ok("tenant", "create", "--slug", "stdin-co", "--business-name", "S", "--assistant-name", "D");
            piped.ok("tenant", "set-twilio", "--tenant", "stdin-co", "--account-sid", SID, "--auth-token-file", "-");
            TenantService tenants = piped.runtime().bean(TenantService.class);
            assertEquals(TOKEN, tenants.twilioCredentials(tenants.get("stdin-co")).orElseThrow().authToken());
        }
    }

    private static String resource(String name) throws Exception {
        return Path.of(TenantCommandsTest.class.getClassLoader().getResource(name).toURI()).toString();
    }
}
