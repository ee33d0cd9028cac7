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
    void readyListsEveryCheckAnd503WhenOneIsNotReady() {
        toggle.ready = true;
        HttpResponse<Map<String, Object>> ok = client.toBlocking().exchange(HttpRequest.GET("/ready"),
                Argument.mapOf(String.class, Object.class));
        assertEquals(HttpStatus.OK, ok.status());
        Map<String, Object> body = ok.body();
        assertEquals(Boolean.TRUE, body.get("ready"));
        List<?> checks = (List<?>) body.get("checks");
        Map<?, ?> database = checks.stream().map(c -> (Map<?, ?>) c).filter(c -> "database".equals(c.get("name")))
                .findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, database.get("ready"));
        assertTrue(database.get("detail").toString().contains("schema at version"), database.toString());

        toggle.ready = false;
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/ready"), Argument.mapOf(String.class, Object.class)));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
        Map<?, ?> failed = e.getResponse().getBody(Map.class).orElseThrow();
        assertFalse((Boolean) failed.get("ready"));
        assertTrue(failed.toString().contains("toggle is off"), failed.toString());
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
