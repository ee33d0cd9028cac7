package io.moked.telephony.twilio;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.moked.call.CallPathRehearsal;
import io.moked.call.CallReadiness;
import io.moked.crm.tenant.TenantService;
import io.moked.health.HealthController;
import io.moked.health.ManagementPort;
import io.moked.health.ReadinessCheck;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8: /ready says ready only once the webhook path was warmed up, and the warm-up leaves nothing behind. */
class WebhookWarmupTest {

    @Test
    void notReadyUntilTheWarmUpRanThenReadyAndNoRowIsLeftBehind() throws Exception {
        Map<String, Object> props = new HashMap<>(CallTestSupport.properties(
                Files.createTempDirectory("moked-webhook-warmup")));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test")) {
            ApplicationContext context = server.getApplicationContext();
            // a tenant of the site: the warm-up must not touch it
            CallTestSupport.tenant(context.getBean(TenantService.class),
                    context.getBean(io.moked.crm.prompt.PromptService.class), "site", "+97236091500", 2);
            CallReadiness readiness = context.getBean(CallReadiness.class);
            WebhookWarmup warmup = new WebhookWarmup(context.getBean(BeanContext.class),
                    context.getBean(TenantService.class), context.getBean(CallPathRehearsal.class), () -> readiness,
                    5, 60_000);
            ReadinessCheck.Result before = warmup.check();
            assertFalse(before.ready(), before.detail());
            assertEquals(503, new HealthController(List.of(warmup)).ready().code(), "/ready is 503 meanwhile");

            DataSource db = context.getBean(DataSource.class);
            Map<String, Long> rows = rowCounts(db);
            warmup.run(URI.create("http://127.0.0.1:" + server.getPort() + "/twilio/voice"));

            ReadinessCheck.Result after = warmup.check();
            assertTrue(after.ready(), after.detail());
            assertEquals(5, after.info().get("rounds"), after.detail());
            assertEquals(0, after.info().get("failedRounds"), after.detail());
            assertEquals(rows, rowCounts(db), "no tenant, call, lead, live call, audit or prompt row is left");

            // the appliance's own warm-up: /ready lists the check and turns ready once it ran
            awaitWebhookReady(context.getBean(ManagementPort.class).port());
        }
    }

    @Test
    void aProcessWithoutAnHttpServerHasNothingToWarmUp() throws Exception {
        Map<String, Object> props = new HashMap<>(CallTestSupport.properties(
                Files.createTempDirectory("moked-webhook-warmup-cli")));
        try (ApplicationContext context = ApplicationContext.run(props, "test")) {
            ReadinessCheck.Result result = context.getBean(WebhookWarmup.class).check();
            assertTrue(result.ready(), "agentctl doctor must not report a warm-up that only the appliance runs: "
                    + result.detail());
        }
    }

    /** Rows per table, but the node heartbeats (written on a schedule) and Flyway's history. */
    private static Map<String, Long> rowCounts(DataSource db) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        DataSource raw = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(db);
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (table.equals("cluster_nodes") || table.startsWith("flyway")) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        assertTrue(counts.containsKey("calls") && counts.containsKey("leads") && counts.containsKey("tenants"),
                counts.keySet().toString());
        assertTrue(counts.get("tenants") > 0, "the site's tenant is counted");
        return counts;
    }

    private static void awaitWebhookReady(int managementPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "";
        for (int i = 0; i < 300; i++) {
            body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"name\":\"webhook\",\"ready\":true")) {
                assertTrue(body.contains("webhook path warmed up"), body);
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("webhook check not ready: " + body);
    }
}
