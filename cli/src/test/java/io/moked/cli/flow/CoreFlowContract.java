package io.moked.cli.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.RepoFiles;
import io.moked.cli.testsupport.TestDatabase;
import io.moked.crm.audit.AuditEntry;
import io.moked.crm.audit.AuditService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin's core flow through agentctl, in-process, on a real database: tenant create from YAML, prompt push,
 * activate, show, diff, rollback, with JSON output parsed and the audit log checked. Runs on SQLite and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoreFlowContract {
    private static final String SLUG = "yafo-homes";
    private TestDatabase database;
    private CliRun cli;
    private Path prompts;

    abstract TestDatabase openDatabase();

    @BeforeAll
    void start() throws IOException {
        database = openDatabase();
        cli = CliRun.on(database);
        prompts = Files.createTempDirectory("moked-prompts-");
    }

    @AfterAll
    void stop() {
        if (cli != null) {
            cli.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void tenantAndPromptLifecycle() throws IOException {
        // the documented first step of the README, with the shipped example
        JsonNode tenant = cli.ok("tenant", "create", "--from", RepoFiles.file("config/examples/tenant.yaml").toString(),
                "--output", "json").json();
        assertEquals(SLUG, tenant.get("slug").asText());
        assertEquals("נועה", tenant.get("assistantName").asText());
        assertEquals(List.of("+97235550100", "+97235550101"), texts(tenant.get("phoneNumbers")));
        assertEquals("+97235550199", tenant.get("transferNumber").asText());
        assertFalse(tenant.get("twilioConfigured").asBoolean());

        // the shipped Hebrew voice prompt only uses known placeholders
        JsonNode example = cli.ok("prompt", "push", "--tenant", SLUG, "--file",
                RepoFiles.file("config/examples/prompts/voice.he.md").toString(), "-o", "json").json();
        assertEquals(1, example.get("version").asInt());

        JsonNode list = cli.ok("tenant", "list", "-o", "json").json();
        assertTrue(StreamSupport.stream(list.spliterator(), false).anyMatch(t -> SLUG.equals(t.get("slug").asText())),
                list.toString());

        String first = "את {{assistant_name}} מ{{business_name}}.\nשאלי על תקציב ואזור.\n";
        String second = "את {{assistant_name}} מ{{business_name}}.\nשאלי על תקציב, אזור ומספר חדרים.\n";
        JsonNode v1 = cli.ok("prompt", "push", "--tenant", SLUG, "--channel", "voice", "--file", write("v1.md", first),
                "--note", "first draft", "-o", "json").json();
        assertEquals(2, v1.get("version").asInt());
        assertFalse(v1.get("active").asBoolean(), "a pushed version is not active until activated");
        assertEquals("test-admin", v1.get("author").asText());
        JsonNode v2 = cli.ok("prompt", "push", "--tenant", SLUG, "--file", write("v2.md", second), "-o", "json",
                "--actor", "alice").json();
        assertEquals(3, v2.get("version").asInt());
        assertEquals("alice", v2.get("author").asText());

        assertEquals(2, cli.ok("prompt", "activate", "--tenant", SLUG, "2", "-o", "json").json()
                .get("version").asInt());
        JsonNode shown = cli.ok("prompt", "show", "--tenant", SLUG, "-o", "json").json();
        assertEquals(2, shown.get("version").asInt());
        assertEquals(first, shown.get("body").asText());
        assertTrue(shown.get("active").asBoolean());

        cli.ok("prompt", "activate", "--tenant", SLUG, "--channel", "voice", "3");
        assertEquals(3, cli.ok("prompt", "show", "--tenant", SLUG, "-o", "json").json().get("version").asInt());

        JsonNode diff = cli.ok("prompt", "diff", "--tenant", SLUG, "2", "3", "-o", "json").json();
        String unified = diff.get("diff").asText();
        assertTrue(unified.startsWith("--- voice v2\n+++ voice v3\n@@ "), unified);
        assertTrue(unified.contains("\n-שאלי על תקציב ואזור.\n"), unified);
        assertTrue(unified.contains("\n+שאלי על תקציב, אזור ומספר חדרים.\n"), unified);
        String tableDiff = cli.ok("prompt", "diff", "--tenant", SLUG, "2", "3").out();
        assertTrue(tableDiff.contains("+שאלי על תקציב, אזור ומספר חדרים."), "logical order when not a terminal");

        JsonNode rolledBack = cli.ok("prompt", "rollback", "--tenant", SLUG, "-o", "json").json();
        assertEquals(2, rolledBack.get("version").asInt());
        assertEquals("rollback", rolledBack.get("action").asText());
        assertEquals(2, cli.ok("prompt", "show", "--tenant", SLUG, "-o", "json").json().get("version").asInt());
        assertEquals(second, cli.ok("prompt", "show", "--tenant", SLUG, "--version", "3", "-o", "json").json()
                .get("body").asText());

        JsonNode versions = cli.ok("prompt", "list", "--tenant", SLUG, "-o", "json").json();
        assertEquals(3, versions.size());
        assertTrue(versions.get(1).get("active").asBoolean());
        assertFalse(versions.get(2).get("active").asBoolean());
        String table = cli.ok("prompt", "list", "--tenant", SLUG).out();
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+2\\s+\\*\\s+test-admin.*first draft")), table);

        JsonNode history = cli.ok("prompt", "history", "--tenant", SLUG, "-o", "json").json();
        assertEquals(List.of("rollback", "activate", "activate"), StreamSupport.stream(history.spliterator(), false)
                .map(a -> a.get("action").asText()).toList());

        List<AuditEntry> audit = cli.runtime().bean(AuditService.class).recent(50);
        List<String> actions = audit.stream().map(e -> e.action() + " by " + e.actor()).toList();
        assertTrue(actions.contains("tenant.create by test-admin"), actions.toString());
        assertTrue(actions.contains("prompt.push by alice"), actions.toString());
        assertTrue(actions.contains("prompt.rollback by test-admin"), actions.toString());
    }

    @Test
    void badInputGivesTheDocumentedExitCodes() throws IOException {
        cli.ok("tenant", "create", "--slug", "owner-co", "--business-name", "Owner", "--assistant-name", "Dana",
                "--phone", "052-555-7788");
        cli.ok("tenant", "create", "--slug", "second-co", "--business-name", "Second", "--assistant-name", "Noa");

        CliRun.Result owned = cli.run("tenant", "add-number", "--tenant", "second-co", "+972 52 555 7788");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, owned.exitCode(), owned.err());
        assertTrue(owned.errLine().contains("'owner-co'"), "names the owner: " + owned.err());

        CliRun.Result invalid = cli.run("tenant", "add-number", "--tenant", "second-co", "12345");
        assertEquals(ExitCode.USAGE, invalid.exitCode(), invalid.err());
        assertTrue(invalid.errLine().startsWith("error: invalid phone number '12345'"), invalid.err());

        CliRun.Result placeholder = cli.run("prompt", "push", "--tenant", "second-co", "--file",
                write("bad.md", "שלום {{busines_name}}"));
        assertEquals(ExitCode.USAGE, placeholder.exitCode(), placeholder.err());
        assertTrue(placeholder.errLine().contains("{{busines_name}}"), placeholder.err());
        assertTrue(placeholder.errLine().contains("known placeholders: {{business_name}}"), placeholder.err());

        CliRun.Result noVersion = cli.run("prompt", "activate", "--tenant", "second-co", "7");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, noVersion.exitCode(), noVersion.err());
        assertTrue(noVersion.errLine().contains("version 7 not found"), noVersion.err());

        CliRun.Result noTenant = cli.run("prompt", "list", "--tenant", "no-such-co");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, noTenant.exitCode(), noTenant.err());
        assertEquals("error: tenant not found: no-such-co", noTenant.errLine());

        CliRun.Result duplicate = cli.run("tenant", "create", "--slug", "owner-co", "--business-name", "X",
                "--assistant-name", "Y");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, duplicate.exitCode(), duplicate.err());
    }

    private String write(String name, String content) throws IOException {
        return Files.writeString(prompts.resolve(name), content, StandardCharsets.UTF_8).toString();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
