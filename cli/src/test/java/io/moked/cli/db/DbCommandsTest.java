package io.moked.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/** db status only looks (pending migrations stay pending); db migrate applies and reports what it applied. */
class DbCommandsTest {
    @Test
    void statusReportsPendingThenMigrateAppliesThem() {
        try (TestDatabase database = TestDatabase.sqlite(); CliRun cli = CliRun.on(database)) {
            CliRun.Result before = cli.run("db", "status", "-o", "json");
            assertEquals(ExitCode.FAILURE, before.exitCode(), before.err());
            JsonNode status = before.json();
            assertEquals("sqlite", status.get("database").asText());
            assertTrue(status.get("pending").asInt() > 0, status.toString());
            int pending = status.get("pending").asInt();
            assertTrue(cli.run("db", "status").out().contains("run 'agentctl db migrate'"));

            JsonNode migrated = cli.ok("db", "migrate", "-o", "json").json();
            assertEquals(pending, migrated.get("applied").asInt());
            assertEquals(0, migrated.get("status").get("pending").asInt());

            assertEquals(0, cli.ok("db", "migrate", "-o", "json").json().get("applied").asInt());
            CliRun.Result after = cli.ok("db", "status");
            assertTrue(after.out().contains("up to date"), after.out());
            assertTrue(after.out().contains("Success"), after.out());
        }
    }

    @Test
    void migrateWorksOnPostgres() {
        try (TestDatabase database = TestDatabase.postgres(); CliRun cli = CliRun.on(database)) {
            JsonNode migrated = cli.ok("db", "migrate", "-o", "json").json();
            assertTrue(migrated.get("applied").asInt() > 0, migrated.toString());
            assertEquals("postgresql", migrated.get("status").get("database").asText());
            assertEquals(ExitCode.OK, cli.run("db", "status").exitCode());
        }
    }
}
