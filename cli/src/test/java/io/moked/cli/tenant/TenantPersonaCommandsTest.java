package io.moked.cli.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.RepoFiles;
import io.moked.cli.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The persona and scoring blocks of a tenant: from the example YAML, tenant update --from and persona options. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantPersonaCommandsTest {
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
    void exampleTenantCarriesItsPersonaAndScoringOverTheDefaults() throws Exception {
        JsonNode t = cli.ok("tenant", "create", "--from", RepoFiles.file("config/examples/tenant.yaml").toString(),
                "-o", "json").json();
        JsonNode persona = t.get("persona");
        assertEquals(0.55, persona.get("sttMinConfidence").asDouble());
        assertEquals(6, persona.get("qualificationQuestions").size());
        assertEquals("pre_approved", persona.get("qualificationQuestions").get(5).get("key").asText());
        assertEquals("[\"yes\",\"no\",\"in_process\"]",
                persona.get("qualificationQuestions").get(5).get("options").toString());
        assertEquals("reask-first", persona.get("reaskMessages").get(0).asText(), "left out: the default");
        assertEquals(75, t.get("scoring").get("hotFrom").asInt());
        assertEquals(50, t.get("scoring").get("warmFrom").asInt(), "left out: the default");
        String points = t.get("scoring").get("points").toString();
        assertTrue(points.contains("{\"field\":\"intent\",\"value\":\"buy\",\"points\":10}"), points);
        assertTrue(points.contains("{\"field\":\"has_agent\",\"value\":\"no\",\"points\":20}"), points);

        CliRun.Result shown = cli.ok("tenant", "show", "--tenant", "yafo-homes");
        assertTrue(shown.out().contains("timeline* [asap|1-3m|3-6m|6m+|browsing]"), shown.out());
        assertTrue(shown.out().contains("hot >= 75, warm >= 50"), shown.out());

        Path patch = tmp.resolve("persona.yaml");
        Files.writeString(patch, """
                slug: yafo-homes
                persona:
                  escalation-phrases: ["מנהל"]
                scoring:
                  enabled: false
                """);
        JsonNode updated = cli.ok("tenant", "update", "--tenant", "yafo-homes", "--from", patch.toString(),
                "--tone", "רגועה", "-o", "json").json();
        assertEquals("[\"מנהל\"]", updated.get("persona").get("escalationPhrases").toString());
        assertEquals("רגועה", updated.get("persona").get("tone").asText());
        assertEquals(0.55, updated.get("persona").get("sttMinConfidence").asDouble(), "kept");
        assertTrue(!updated.get("scoring").get("enabled").asBoolean());
        assertEquals(75, updated.get("scoring").get("hotFrom").asInt(), "kept");
    }

    @Test
    void invalidPersonaValuesAreUsageErrors() throws Exception {
        cli.ok("tenant", "create", "--slug", "bad-persona", "--business-name", "x", "--assistant-name", "y");
        CliRun.Result r = cli.run("tenant", "update", "--tenant", "bad-persona", "--stt-min-confidence", "1.5");
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertTrue(r.errLine().contains("stt-min-confidence"), r.err());
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, "slug: someone-else\nvoice: x\n");
        CliRun.Result wrong = cli.run("tenant", "update", "--tenant", "bad-persona", "--from", other.toString());
        assertEquals(ExitCode.USAGE, wrong.exitCode());
        Path badKey = tmp.resolve("bad.yaml");
        Files.writeString(badKey, "persona:\n  reask-messages: [no-such-message]\n");
        CliRun.Result missing = cli.run("tenant", "update", "--tenant", "bad-persona", "--from", badKey.toString());
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertTrue(missing.errLine().contains("no-such-message"), missing.err());
    }
}
