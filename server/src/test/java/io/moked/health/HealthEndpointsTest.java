package io.moked.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class HealthEndpointsTest extends DbTestBase {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestToggleCheck toggle;

    @Inject
    ManagementPort management;

    @Inject
    io.micronaut.context.ApplicationContext context;

    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", "-1", "spec.name", "HealthEndpointsTest");
    }

    @Test
    void healthIsUp() {
        Map<?, ?> body = client.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class);
        assertEquals("UP", body.get("status"));
    }

    @Test
    void readyListsEveryCheckAndIs200ExactlyWhenAllAreReady() {
        toggle.ready = true;
        HttpResponse<Map<String, Object>> first = exchangeReady();
        List<Map<?, ?>> checks = checks(first.body());
        Map<?, ?> database = byName(checks, "database");
        assertEquals(Boolean.TRUE, database.get("ready"), database.toString());
        assertTrue(database.get("detail").toString().contains("schema at version"), database.toString());
        assertEquals(Boolean.TRUE, byName(checks, "toggle").get("ready"));
        // other modules (models, engines, VAD) add their own checks: 200 unless a non-degradable one fails
        boolean allReady = checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("ready")));
        boolean takesCalls = checks.stream()
                .allMatch(c -> Boolean.TRUE.equals(c.get("ready")) || Boolean.TRUE.equals(c.get("degradable")));
        assertEquals(takesCalls ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, first.status(), checks.toString());
        assertEquals(allReady, first.body().get("ready"));
        assertEquals(allReady ? "ready" : takesCalls ? "degraded" : "not-ready", first.body().get("status"));

        toggle.ready = false;
        HttpResponse<Map<String, Object>> down = exchangeReady();
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.status());
        assertEquals(Boolean.FALSE, down.body().get("ready"));
        assertEquals("not-ready", down.body().get("status"));
        Map<?, ?> off = byName(checks(down.body()), "toggle");
        assertEquals(Boolean.FALSE, off.get("ready"));
        assertEquals("toggle is off", off.get("detail"));
    }

    @Test
    void readyIs200WhenEveryCheckPassesAnd503WhenOneThrows() {
        ReadinessCheck ok = new TestToggleCheck();
        HttpResponse<HealthController.Readiness> allOk = new HealthController(List.of(ok)).ready();
        assertEquals(HttpStatus.OK, allOk.status());
        assertTrue(allOk.body().ready());

        ReadinessCheck broken = new ReadinessCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Result check() {
                throw new IllegalStateException("engine crashed");
            }
        };
        HttpResponse<HealthController.Readiness> oneThrows = new HealthController(List.of(ok, broken)).ready();
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, oneThrows.status());
        HealthController.Check failed = oneThrows.body().checks().get(1);
        assertFalse(failed.ready());
        assertEquals("check failed: engine crashed", failed.detail());
    }

    @Test
    void readyIs200DegradedWhenOnlyDegradableChecksFail() {
        ReadinessCheck database = new TestToggleCheck();
        TestToggleCheck engines = new TestToggleCheck() {
            @Override
            public boolean degradable() {
                return true;
            }
        };
        engines.ready = false;
        HttpResponse<HealthController.Readiness> degraded = new HealthController(List.of(database, engines)).ready();
        assertEquals(HttpStatus.OK, degraded.status());
        assertEquals("degraded", degraded.body().status());
        assertFalse(degraded.body().ready());
        assertTrue(degraded.body().checks().get(1).degradable());

        ((TestToggleCheck) database).ready = false;
        HttpResponse<HealthController.Readiness> down = new HealthController(List.of(database, engines)).ready();
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.status());
        assertEquals("not-ready", down.body().status());
    }

    private HttpResponse<Map<String, Object>> exchangeReady() {
        try {
            // /ready is served on the management port only (ManagementPortTest)
            HttpClient managementClient = context.createBean(HttpClient.class,
                    java.net.URI.create("http://127.0.0.1:" + management.port()));
            return managementClient.toBlocking().exchange(HttpRequest.GET("/ready"),
                    Argument.mapOf(String.class, Object.class));
        } catch (HttpClientResponseException e) {
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
            @SuppressWarnings("unchecked")
            HttpResponse<Map<String, Object>> r = (HttpResponse<Map<String, Object>>) (HttpResponse<?>) HttpResponse
                    .status(e.getStatus()).body(e.getResponse().getBody(Argument.mapOf(String.class, Object.class))
                            .orElseThrow());
            return r;
        }
    }

    private static List<Map<?, ?>> checks(Map<String, Object> body) {
        return ((List<?>) body.get("checks")).stream().<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
    }

    private static Map<?, ?> byName(List<Map<?, ?>> checks, String name) {
        return checks.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    /** A second check, to prove /ready reports every bean and turns 503 when one fails. */
    @Singleton
    @Requires(property = "spec.name", value = "HealthEndpointsTest")
    static class TestToggleCheck implements ReadinessCheck {
        volatile boolean ready = true;

        @Override
        public String name() {
            return "toggle";
        }

        @Override
        public Result check() {
            return ready ? Result.ok("toggle is on") : Result.notReady("toggle is off");
        }
    }
}
