package io.moked.cli.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.RepoFiles;
import io.moked.cli.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code agentctl tools parse-time}: the interface scripts rely on (issue 9). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolsParseTimeCommandTest {
    private TestDatabase database;
    private CliRun cli;

    @BeforeAll
    void start() {
        database = TestDatabase.sqlite();
        cli = CliRun.on(database);
        cli.ok("tenant", "create", "--from", RepoFiles.file("config/examples/tenant.yaml").toString());
    }

    @AfterAll
    void stop() {
        cli.close();
        database.close();
    }

    @Test
    void printsStartEndAndKindInTenantLocalTime() throws Exception {
        CliRun.Result instant = cli.ok("tools", "parse-time", "--tenant", "yafo-homes", "--now", "2025-03-03T10:00",
                "מחר", "בשלוש", "וחצי");
        assertEquals("{\"start\":\"2025-03-04T15:30\",\"end\":null,\"kind\":\"instant\"}", instant.out().strip());

        JsonNode range = cli.ok("tools", "parse-time", "--tenant", "yafo-homes", "--now", "2025-03-03T08:00:00Z",
                "-o", "json", "יום שלישי אחרי הצהריים").json();
        assertEquals("2025-03-04T13:00", range.get("start").asText());
        assertEquals("2025-03-04T18:00", range.get("end").asText());
        assertEquals("range", range.get("kind").asText());

        JsonNode date = cli.ok("tools", "parse-time", "-t", "yafo-homes", "--now", "2025-03-03T10:00+02:00",
                "-o", "json", "בעוד שבוע").json();
        assertEquals("2025-03-10", date.get("start").asText());
        assertTrue(date.get("end").isNull());
        assertEquals("date", date.get("kind").asText());
    }

    @Test
    void notUnderstoodExitsThreeWithAnErrorObject() {
        CliRun.Result r = cli.run("tools", "parse-time", "--tenant", "yafo-homes", "מחר", "בעשר", "בבקשה");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, r.exitCode());
        assertEquals("{\"error\":\"not understood\"}", r.out().strip());
    }

    @Test
    void badNowAndUnknownTenantAreClearErrors() {
        CliRun.Result badNow = cli.run("tools", "parse-time", "--tenant", "yafo-homes", "--now", "yesterday", "מחר");
        assertEquals(ExitCode.USAGE, badNow.exitCode());
        assertTrue(badNow.errLine().contains("--now yesterday"), badNow.err());
        CliRun.Result noTenant = cli.run("tools", "parse-time", "--tenant", "nobody", "מחר");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, noTenant.exitCode());
        assertTrue(noTenant.errLine().contains("nobody"), noTenant.err());
    }
}
