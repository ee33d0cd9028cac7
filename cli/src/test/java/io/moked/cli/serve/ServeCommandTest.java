package io.moked.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.output.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentctl serve} starts the real appliance in-process; /health and /ready answer as JSON. */
class ServeCommandTest {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void servesHealthAndReadyOnTheRequestedPortAndStopsOnClose() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        URI url;
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            CliRun.Result result = cli.ok("serve", "--port", "-1", "--output", "json");
            assertTrue(cli.runtime().isServing());
            assertFalse(cli.runtime().contextStarted(), "serve runs the appliance, not agentctl's service context");
            url = URI.create(result.json().get("url").asText());
            assertTrue(url.getPort() > 0, result.out());

            HttpResponse<String> health = get(http, url.resolve("/health"));
            assertEquals(200, health.statusCode(), health.body());
            JsonNode healthJson = Json.mapper().readTree(health.body());
            assertEquals("UP", healthJson.get("status").asText(), health.body());

            // models and engines are missing in a fresh data dir (degraded, or not-ready while the engines' warm-up
            // still runs), but the database part must be ready: the appliance migrated its fresh SQLite file on start
            assertEquals(404, get(http, url.resolve("/ready")).statusCode(), "/ready is not public");
            URI management = URI.create(result.json().get("managementUrl").asText());
            assertEquals("127.0.0.1", management.getHost(), result.out());
            HttpResponse<String> ready = get(http, management.resolve("/ready"));
            JsonNode readiness = Json.mapper().readTree(ready.body());
            String status = readiness.get("status").asText();
            assertTrue(java.util.Set.of("ready", "degraded", "not-ready").contains(status), ready.body());
            assertEquals("not-ready".equals(status) ? 503 : 200, ready.statusCode(), ready.body());
            JsonNode database = null;
            for (JsonNode check : readiness.get("checks")) {
                if ("database".equals(check.get("name").asText())) {
                    database = check;
                }
            }
            assertTrue(database != null && database.get("ready").asBoolean(), ready.body());
        }
        URI stopped = url;
        assertThrows(IOException.class, () -> get(http, stopped.resolve("/health")), "server stopped on close");
    }

    @Test
    void aPortInUseIsOneLineAndExitOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0);
             CliRun cli = CliRun.sqlite(dataDir)) {
            CliRun.Result result = cli.run("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(1, result.exitCode(), result.err());
            assertTrue(result.errLine().startsWith("error: "), result.err());
            assertFalse(cli.runtime().isServing());
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serveRefusesADatabaseMigratedByANewerMoked() throws Exception {
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            cli.ok("db", "migrate");
        }
        // the history row a newer Moked's migration would have left
        String url = "jdbc:sqlite:" + dataDir.resolve("moked.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, installed_on, execution_time, success) VALUES (900, '900', "
                    + "'from a newer moked', 'SQL', 'V900__from_a_newer_moked.sql', 1, '', "
                    + "'2026-12-04 10:00:00.000', 1, 1)");
            st.executeUpdate("UPDATE appliance_meta SET value = '9.9.0' WHERE name = 'last-migrated-by'");
        }
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            CliRun.Result refused = cli.run("serve", "--port", "-1");
            assertEquals(io.moked.cli.ExitCode.FAILURE, refused.exitCode(), refused.err());
            String line = refused.errLine();
            assertTrue(line.contains("has schema version 900, migrated by Moked 9.9.0; this is Moked "), line);
            assertFalse(cli.runtime().isServing());
        }
    }
}
