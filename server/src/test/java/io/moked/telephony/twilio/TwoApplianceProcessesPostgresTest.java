package io.moked.telephony.twilio;

import io.micronaut.context.ApplicationContext;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.pipeline.CallEnd;
import io.moked.testsupport.PostgresTestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.moked.telephony.twilio.TwilioCallIntegrationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two appliance processes (separate JVMs, own node ids, ports and data directories) on one PostgreSQL database, as
 * behind a load balancer, driven over Twilio's protocol (signed voice webhooks): one tenant limit holds across both,
 * and after a SIGKILL the restarted node closes only its own leftover calls. TwoAppliancesPostgresTest covers the
 * same rules with two contexts in one JVM (races, retention); this class shows they hold between real processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoApplianceProcessesPostgresTest {
    /** Tenant allowed one call at a time, for the limit across both processes. */
    private static final String LIMITED_NUMBER = "+97236091234";
    /** Tenant with room for calls on both nodes, for the crash. */
    private static final String ROOMY_NUMBER = "+97236091235";
    private static final String CALLER = "+972502345679";
    /** Calls here never stream; they must not expire (default 30 s) while the test looks at them. */
    private static final String NO_STREAM_EXPIRY_MS = "600000";
    private static final AtomicLong SIDS = new AtomicLong(System.nanoTime() & 0xffffffL);

    private PostgresTestDb db;
    private Path baseDir;
    private Tenant limited;
    private final List<Process> processes = new ArrayList<>();
    private Appliance nodeA;
    private Appliance nodeB;

    /** A running appliance process and the port its webhooks are served on. */
    private record Appliance(String nodeId, Path dataDir, Process process, int port) {
    }

    @BeforeAll
    void start() throws Exception {
        db = new PostgresTestDb(); // skips the class when PostgreSQL is unreachable (fails under MOKED_REQUIRE_POSTGRES)
        baseDir = Files.createTempDirectory("moked-two-processes");
        // migrate the database and create the tenants once, before both processes start on it
        Map<String, Object> setupProps = new HashMap<>(nodeProperties("setup"));
        try (ApplicationContext setup = ApplicationContext.run(setupProps)) {
            TenantService tenants = setup.getBean(TenantService.class);
            PromptService prompts = setup.getBean(PromptService.class);
            limited = CallTestSupport.tenant(tenants, prompts, "yam", LIMITED_NUMBER, 1);
            CallTestSupport.tenant(tenants, prompts, "sea", ROOMY_NUMBER, 4);
        }
        // both JVMs start at the same time (each takes several seconds)
        CompletableFuture<Appliance> a = CompletableFuture.supplyAsync(() -> startReady("node-a"));
        CompletableFuture<Appliance> b = CompletableFuture.supplyAsync(() -> startReady("node-b"));
        nodeA = a.join();
        nodeB = b.join();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (Process p : processes) {
                p.destroyForcibly();
            }
            for (Process p : processes) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    @Test
    void oneTenantLimitHoldsAcrossBothProcesses() throws Exception {
        String first = newCallSid();
        HttpResponse<String> onA = webhook(nodeA, first, LIMITED_NUMBER);
        assertEquals(200, onA.statusCode(), onA.body());
        assertTrue(onA.body().contains("<Connect"), onA.body());
        assertEquals("node-a", nodeOf(first));

        HttpResponse<String> onB = webhook(nodeB, newCallSid(), LIMITED_NUMBER);
        assertEquals(200, onB.statusCode(), onB.body());
        String busy = "<Say language=\"he-IL\">" + limited.message("busy").orElseThrow() + "</Say>";
        assertTrue(onB.body().contains(busy), onB.body());
        assertTrue(onB.body().contains("<Hangup/>"), onB.body());
        assertFalse(onB.body().contains("<Connect"), onB.body());
    }

    @Test
    void afterAKillTheRestartedProcessClosesOnlyItsOwnCalls() throws Exception {
        String onA = newCallSid();
        String onB = newCallSid();
        assertTrue(webhook(nodeA, onA, ROOMY_NUMBER).body().contains("<Connect"));
        assertTrue(webhook(nodeB, onB, ROOMY_NUMBER).body().contains("<Connect"));
        assertEquals("node-a", nodeOf(onA));
        assertEquals("node-b", nodeOf(onB));
        assertEquals(onA, query("SELECT call_sid FROM calls WHERE call_sid = ?", onA), "the webhook stored the call");
        assertEquals(onB, query("SELECT call_sid FROM calls WHERE call_sid = ?", onB));

        nodeA.process().destroyForcibly(); // SIGKILL: no shutdown hooks, the call is left open in the database
        assertTrue(nodeA.process().waitFor(10, TimeUnit.SECONDS));
        assertNull(endReason(onA), "nothing ended the call when the process died");
        assertEquals("node-a", nodeOf(onA));

        nodeA = startReady("node-a"); // same node id, as after a restart on that host
        waitUntil(() -> endReasonUnchecked(onA) != null, 10_000);
        assertEquals(CallEnd.APPLIANCE_RESTART.id(), endReason(onA));
        assertNull(nodeOf(onA), "its live-call row is gone");
        assertNull(endReason(onB), "node-b's call is not node-a's to close");
        assertNull(endedAt(onB));
        assertEquals("node-b", nodeOf(onB));
    }

    private static String newCallSid() {
        return "CA" + String.format("%032x", SIDS.incrementAndGet());
    }

    private static HttpResponse<String> webhook(Appliance node, String callSid, String number) throws Exception {
        return CallTestSupport.postSigned(node.port(), "/twilio/voice",
                CallTestSupport.voiceParams(callSid, CALLER, number));
    }

    private Map<String, String> nodeProperties(String nodeId) {
        try {
            Path dataDir = Files.createDirectories(baseDir.resolve(nodeId));
            copySecrets(baseDir.resolve("setup"), dataDir);
            Map<String, String> p = new HashMap<>(CallTestSupport.properties(dataDir));
            p.put("moked.db.url", db.url());
            p.put("moked.cluster.node-id", nodeId);
            p.put("moked.call.stream-start-timeout-ms", NO_STREAM_EXPIRY_MS);
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Each appliance keeps the Twilio tokens in its own data directory; with several on one database the operator
     * copies the secrets folder to every node (docs/operations.md), so do the tests.
     */
    private static void copySecrets(Path from, Path to) throws java.io.IOException {
        Path source = from.resolve("secrets");
        Path target = to.resolve("secrets");
        if (from.equals(to) || !Files.isDirectory(source) || Files.exists(target)) {
            return;
        }
        Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** The appliance in its own JVM (test classpath, so the fake engine beans are there), as in production. */
    private Appliance startReady(String nodeId) {
        try {
            int port;
            int managementPort; // /ready is served there (docs/security.md)
            try (ServerSocket free = new ServerSocket(0); ServerSocket free2 = new ServerSocket(0)) {
                port = free.getLocalPort();
                managementPort = free2.getLocalPort();
            }
            Map<String, String> props = nodeProperties(nodeId);
            props.put("micronaut.server.port", String.valueOf(port));
            props.put("moked.management.port", String.valueOf(managementPort));
            Path dataDir = Path.of(props.get("moked.data-dir"));
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("--enable-native-access=ALL-UNNAMED");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("io.moked.Application");
            Process process;
            synchronized (processes) {
                process = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dataDir.toFile(), "appliance.log")))
                        .start();
                processes.add(process); // killed in @AfterAll whatever happens
            }
            waitForReady(managementPort, process, dataDir);
            return new Appliance(nodeId, dataDir, process, port);
        } catch (Exception e) {
            throw new IllegalStateException(nodeId + ": " + e.getMessage(), e);
        }
    }

    private static void waitForReady(int port, Process appliance, Path dataDir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!appliance.isAlive()) {
                throw new AssertionError("appliance exited with " + appliance.exitValue() + ", see "
                        + dataDir.resolve("appliance.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
                // the call path needs these (other checks, e.g. installed models, may stay "degraded" here)
                if (r.statusCode() == 200 && java.util.stream.Stream.of("vad", "stt", "llm", "tts")
                        .allMatch(name -> r.body().contains("\"name\":\"" + name + "\",\"ready\":true"))) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("call path of the appliance not ready within 90 s, see "
                + dataDir.resolve("appliance.log"));
    }

    private Connection sql() throws Exception {
        return DriverManager.getConnection("jdbc:" + db.url().replace("postgres@", "") + "?user=postgres");
    }

    private String nodeOf(String callSid) throws Exception {
        return query("SELECT node_id FROM live_calls WHERE call_sid = ?", callSid);
    }

    private String endReason(String callSid) throws Exception {
        return query("SELECT end_reason FROM calls WHERE call_sid = ?", callSid);
    }

    private String endedAt(String callSid) throws Exception {
        return query("SELECT ended_at FROM calls WHERE call_sid = ?", callSid);
    }

    private String endReasonUnchecked(String callSid) {
        try {
            return endReason(callSid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String query(String sql, String callSid) throws Exception {
        try (Connection c = sql(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, callSid);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
