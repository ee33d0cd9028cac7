package io.moked.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    @TempDir
    Path tmp;

    private static CliRun cli(TestDatabase database, String probe) {
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin");
        database.properties().forEach(builder::property);
        if (probe != null) {
            builder.property(DoctorProbeCheck.PROPERTY, probe);
        }
        return new CliRun(builder.build());
    }

    @Test
    void walksAnAdminFromAFreshDataDirToAllGreen() throws Exception {
        try (TestDatabase database = TestDatabase.sqlite(); CliRun cli = cli(database, "ok")) {
            CliRun.Result fresh = cli.run("doctor", "-o", "json");
            assertEquals(ExitCode.FAILURE, fresh.exitCode(), fresh.out());
            Map<String, JsonNode> checks = checks(fresh.json());
            assertTrue(checks.get("data-dir").get("ok").asBoolean());
            assertFalse(checks.get("database").get("ok").asBoolean(), "doctor must not migrate by itself");
            assertTrue(checks.get("database").get("detail").asText().contains("run 'agentctl db migrate'"));
            assertTrue(checks.get("test-probe").get("ok").asBoolean(), "every ReadinessCheck bean is run");

            cli.ok("db", "migrate");
            cli.ok("tenant", "create", "--slug", "dr-co", "--business-name", "Dr", "--assistant-name", "Dana");
            CliRun.Result noTwilio = cli.run("doctor");
            assertEquals(ExitCode.FAILURE, noTwilio.exitCode());
            assertTrue(noTwilio.out().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("twilio:dr-co")
                    && l.contains("agentctl tenant set-twilio --tenant dr-co")), noTwilio.out());

            Path token = Files.writeString(tmp.resolve("token"), "f00dfeedc0ffee99f00dfeedc0ffee99");
            cli.ok("tenant", "set-twilio", "--tenant", "dr-co", "--account-sid", "AC0123456789abcdef0123456789abcdef",
                    "--auth-token-file", token.toString());
            CliRun.Result green = cli.run("doctor", "-o", "json");
            Map<String, JsonNode> after = checks(green.json());
            assertTrue(after.get("database").get("ok").asBoolean(), green.out());
            assertTrue(after.get("twilio:dr-co").get("ok").asBoolean(), green.out());
            boolean allOk = green.json().get("ok").asBoolean();
            assertEquals(allOk, after.values().stream().allMatch(c -> c.get("ok").asBoolean()));
            assertEquals(allOk ? ExitCode.OK : ExitCode.FAILURE, green.exitCode());

            // the token file vanished from this appliance (e.g. a second appliance on the same PostgreSQL)
            try (var files = Files.list(database.dataDir().resolve("secrets"))) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            CliRun.Result lost = cli.run("doctor");
            assertTrue(lost.out().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("auth token missing")),
                    lost.out());
        }
    }

    @Test
    void failingAndBrokenReadinessChecksAreReportedWithTheirFix() {
        try (TestDatabase database = TestDatabase.sqlite(); CliRun cli = cli(database, "missing")) {
            CliRun.Result result = cli.run("doctor");
            assertEquals(ExitCode.FAILURE, result.exitCode());
            assertTrue(result.out().lines().anyMatch(l -> l.matches("FAIL\\s+test-probe\\s+probe missing: run "
                    + "'agentctl models pull probe'")), result.out());
        }
        try (TestDatabase database = TestDatabase.sqlite(); CliRun cli = cli(database, "throw")) {
            CliRun.Result result = cli.run("doctor", "-o", "json");
            assertEquals("check failed: probe exploded", checks(result.json()).get("test-probe").get("detail").asText());
        }
    }

    @Test
    void unreachableDatabaseIsOneFailedLineNotACrash() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CliRuntime.DATA_DIR_PROPERTY, tmp.toString());
        properties.put(CliRuntime.DB_URL_PROPERTY, "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres&connectTimeout=2");
        CliRuntime.Builder builder = CliRuntime.builder();
        properties.forEach(builder::property);
        try (CliRun cli = new CliRun(builder.build())) {
            CliRun.Result result = cli.run("doctor", "-o", "json");
            assertEquals(ExitCode.FAILURE, result.exitCode(), result.err());
            Map<String, JsonNode> checks = checks(result.json());
            JsonNode failed = checks.containsKey("database") ? checks.get("database") : checks.get("services");
            assertFalse(failed.get("ok").asBoolean(), result.out());
            assertTrue(failed.get("detail").asText().contains("127.0.0.1:1"), failed.toString());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
        }
    }

    private static Map<String, JsonNode> checks(JsonNode report) {
        Map<String, JsonNode> byName = new HashMap<>();
        StreamSupport.stream(report.get("checks").spliterator(), false)
                .forEach(c -> byName.put(c.get("check").asText(), c));
        return byName;
    }
}
