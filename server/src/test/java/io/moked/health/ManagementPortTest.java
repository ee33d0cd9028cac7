package io.moked.health;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 10: the public port serves only Twilio's paths and a plain /health; /ready, /warmup, /prometheus and
 * /metrics are served on the management port (127.0.0.1), and no proxy header makes a request local.
 */
@MicronautTest(transactional = false)
class ManagementPortTest extends DbTestBase {
    @Inject
    EmbeddedServer server;
    @Inject
    ManagementPort management;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", "-1", "moked.engines.warm-up-on-start", "false");
    }

    @Test
    void thePublicPortServesOnlyTwilioAndAPlainHealth() throws Exception {
        int pub = server.getPort();
        assertEquals(pub, management.publicPort());
        HttpResponse<String> health = get(pub, "/health", Map.of());
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\"}", health.body(), "no details on the public port");
        for (String path : new String[]{"/ready", "/prometheus", "/metrics", "/beans", "/routes", "/loggers"}) {
            assertEquals(404, get(pub, path, Map.of()).statusCode(), path);
            assertEquals(404, get(pub, path, Map.of("X-Real-IP", "127.0.0.1", "X-Forwarded-For", "127.0.0.1"))
                    .statusCode(), path + " with proxy headers");
        }
        assertEquals(404, post(pub, "/warmup", Map.of()).statusCode());
        assertEquals(404, post(pub, "/warmup", Map.of("X-Real-IP", "127.0.0.1")).statusCode());
    }

    @Test
    void theManagementPortServesReadinessAndMetricsButNotTwilio() throws Exception {
        int port = management.port();
        assertTrue(port > 0, "management listener bound");
        assertNotEquals(server.getPort(), port);
        HttpResponse<String> ready = get(port, "/ready", Map.of());
        assertTrue(ready.statusCode() == 200 || ready.statusCode() == 503, ready.body());
        assertTrue(ready.body().contains("\"checks\""), ready.body());
        HttpResponse<String> prometheus = get(port, "/prometheus", Map.of());
        assertEquals(200, prometheus.statusCode());
        assertTrue(prometheus.body().contains("# TYPE"), prometheus.body());
        assertEquals(200, get(port, "/health", Map.of()).statusCode());
        assertEquals(404, post(port, "/twilio/voice", Map.of()).statusCode(), "webhooks only on the public port");
    }

    @Test
    void theManagementPortListensOnLoopbackOnly() throws Exception {
        assertEquals("127.0.0.1", management.host(), "documented default");
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        if (external.isPresent()) { // a machine with only loopback has nothing else to refuse on
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(external.get(), management.port()), 2000);
                }
            });
        }
    }

    @Test
    void aProxyHeaderNeverMakesAWarmupRequestLocal() throws Exception {
        for (String header : new String[]{"X-Real-IP", "X-Forwarded-For", "Forwarded", "X-Forwarded-Host"}) {
            HttpResponse<String> refused = post(management.port(), "/warmup", Map.of(header, "127.0.0.1"));
            assertEquals(403, refused.statusCode(), header + ": " + refused.body());
        }
    }

    private HttpResponse<String> get(int port, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
