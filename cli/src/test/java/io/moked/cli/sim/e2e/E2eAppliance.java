package io.moked.cli.sim.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.moked.health.ManagementPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the end-to-end tests share about their in-process appliance. */
final class E2eAppliance {
    private static final int READY_POLLS = 240;
    private static final long READY_POLL_MS = 500;

    private E2eAppliance() {
    }

    /**
     * Waits until {@code GET /ready} (served on the management port, docs/security.md) says ready, i.e. the engines'
     * warm-up is over, and returns its body.
     */
    static JsonNode awaitReady(ApplicationContext appliance) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + appliance.getBean(ManagementPort.class).port() + "/ready");
        JsonNode body = null;
        for (int i = 0; i < READY_POLLS; i++) {
            body = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (body.path("ready").asBoolean()) {
                return body;
            }
            Thread.sleep(READY_POLL_MS);
        }
        throw new AssertionError("appliance not ready: " + body);
    }
}
