package io.moked.call;

import io.micronaut.context.ApplicationContext;
import io.moked.cluster.ClusterJobs;
import io.moked.cluster.ClusterNode;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.NewCall;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.pipeline.CallEnd;
import io.moked.testsupport.PostgresTestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two appliances on one PostgreSQL database, as behind a load balancer: one tenant limit across both, one
 * retention run between them, and after a crash each node closes only its own calls. The two appliances are two
 * application contexts in this JVM with their own node ids and data directories (everything they share goes
 * through the database, as between processes; a context starts in about a second where a JVM with the appliance
 * takes over ten; TwoApplianceProcessesPostgresTest runs the limit and the crash with two appliance processes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoAppliancesPostgresTest {
    private static final int TENANT_LIMIT = 3;
    /** Races for the last place; without the tenant row lock some round admits on both nodes. */
    private static final int ROUNDS = 40;
    /** Calls admitted in these tests never stream; they must not expire while a test counts them. */
    private static final long LONG_TIMEOUT_MS = 600_000;

    private PostgresTestDb db;
    private Path recordings;
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private ApplicationContext nodeA;
    private ApplicationContext nodeB;
    private Tenant tenant;

    @BeforeAll
    void start() throws Exception {
        db = new PostgresTestDb();
        recordings = Files.createTempDirectory("moked-cluster-recordings");
        nodeA = node("node-a", LONG_TIMEOUT_MS);
        nodeB = node("node-b", LONG_TIMEOUT_MS);
        TenantService tenants = nodeA.getBean(TenantService.class);
        tenants.create(new TenantSpec("yam", "דירות הים", "נועה", null, null, null, null, null, null, true, 0,
                TENANT_LIMIT, null, null, null, null, List.of("+97236091234")), "test");
        tenant = tenants.get("yam");
    }

    /** An appliance with its own data directory and node id; recordings on storage both reach (as NFS would be). */
    private ApplicationContext node(String nodeId, long streamStartTimeoutMs) throws Exception {
        Map<String, Object> p = new HashMap<>(db.properties());
        p.put("moked.data-dir", Files.createTempDirectory("moked-" + nodeId).toString());
        p.put("moked.cluster.node-id", nodeId);
        p.put("moked.cluster.node-url", "https://" + nodeId + ".example.test");
        p.put("moked.cluster.heartbeat-interval", "1h"); // beats only at start: the test decides who is dead
        p.put("moked.call.recordings-dir", recordings.toString());
        p.put("moked.call.stream-start-timeout-ms", Long.toString(streamStartTimeoutMs));
        ApplicationContext ctx = ApplicationContext.run(p);
        contexts.add(ctx);
        return ctx;
    }

    @AfterAll
    void stop() throws Exception {
        contexts.forEach(c -> {
            if (c.isRunning()) {
                c.close();
            }
        });
        db.close();
    }

    @Test
    void theTenantLimitHoldsAcrossBothAppliances() throws Exception {
        CallRegistry a = nodeA.getBean(CallRegistry.class);
        CallRegistry b = nodeB.getBean(CallRegistry.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // one place left: the tenant has limit - 1 live calls, split over both nodes
            for (int i = 0; i < TENANT_LIMIT - 1; i++) {
                assertInstanceOf(CallRegistry.Admitted.class, (i % 2 == 0 ? a : b).admit("CAlimit" + i,
                        tenant.id(), "yam", TENANT_LIMIT, "token"));
            }
            // both nodes race for the last place, many times: exactly one gets it each time
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                String sidA = "CArace-a" + round;
                String sidB = "CArace-b" + round;
                Future<CallRegistry.Admission> onA = pool.submit(admitTogether(together, a, sidA));
                Future<CallRegistry.Admission> onB = pool.submit(admitTogether(together, b, sidB));
                CallRegistry.Admission ra = onA.get();
                CallRegistry.Admission rb = onB.get();
                int admitted = (ra instanceof CallRegistry.Admitted ? 1 : 0) + (rb instanceof CallRegistry.Admitted ? 1 : 0);
                assertEquals(1, admitted, "round " + round + ": " + ra + " / " + rb);
                assertEquals(TENANT_LIMIT, liveRows(null));
                CallRegistry.Refused refused = (CallRegistry.Refused) (ra instanceof CallRegistry.Refused ? ra : rb);
                assertEquals(CallRegistry.Refusal.TENANT_LIMIT, refused.reason());
                assertEquals(TENANT_LIMIT, refused.active());
                // the call ends on the node that took it, which frees the place for the next round
                a.release(sidA);
                b.release(sidB);
            }
        } finally {
            pool.shutdownNow();
            for (String sid : List.copyOf(liveSids())) {
                a.release(sid);
                b.release(sid);
            }
        }
        assertEquals(0, liveRows(null));
    }

    private Callable<CallRegistry.Admission> admitTogether(CyclicBarrier together, CallRegistry registry,
                                                           String sid) {
        return () -> {
            together.await();
            return registry.admit(sid, tenant.id(), "yam", TENANT_LIMIT, "token");
        };
    }

    @Test
    void callsOfANodeWhoseHeartbeatStoppedNoLongerCount() throws Exception {
        CallRegistry a = nodeA.getBean(CallRegistry.class);
        CallRegistry b = nodeB.getBean(CallRegistry.class);
        try {
            for (int i = 0; i < TENANT_LIMIT; i++) {
                assertInstanceOf(CallRegistry.Admitted.class, a.admit("CAdead" + i, tenant.id(), "yam",
                        TENANT_LIMIT, "token"));
            }
            assertInstanceOf(CallRegistry.Refused.class, b.admit("CAdead-b", tenant.id(), "yam", TENANT_LIMIT,
                    "token"));
            setHeartbeat("node-a", Instant.now().minusSeconds(60)); // past node-timeout (30 s): node-a is dead
            assertInstanceOf(CallRegistry.Admitted.class, b.admit("CAdead-b", tenant.id(), "yam", TENANT_LIMIT,
                    "token"));
        } finally {
            nodeA.getBean(ClusterNode.class).beat();
            for (String sid : List.copyOf(liveSids())) {
                a.release(sid);
                b.release(sid);
            }
        }
    }

    @Test
    void recordingRetentionRunsOnceForBothAppliances() throws Exception {
        CallService calls = nodeA.getBean(CallService.class);
        int old = 3;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < old; i++) {
            Call call = calls.create(tenant, NewCall.inbound("CAretention" + i, "+972502345679", "+97236091234"));
            Path wav = Files.writeString(recordings.resolve("retention-" + i + ".wav"), "RIFF");
            files.add(wav);
            calls.setRecordingPath(tenant, call.id(), wav.toString());
            calls.end(tenant, call.id(), Instant.now().minusSeconds(5), "stream_stopped");
        }
        RecordingRetention onA = nodeA.getBean(RecordingRetention.class);
        RecordingRetention onB = nodeB.getBean(RecordingRetention.class);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ClusterJobs.Run> a = pool.submit(() -> {
                together.await();
                return onA.scheduled();
            });
            Future<ClusterJobs.Run> b = pool.submit(() -> {
                together.await();
                return onB.scheduled();
            });
            List<ClusterJobs.Run> runs = List.of(a.get(), b.get());
            List<ClusterJobs.Ran> ran = runs.stream().filter(r -> r instanceof ClusterJobs.Ran)
                    .map(r -> (ClusterJobs.Ran) r).toList();
            assertEquals(1, ran.size(), "exactly one appliance ran it: " + runs);
            assertEquals(old, ran.get(0).result());
            files.forEach(f -> assertFalse(Files.exists(f), f.toString()));
            // within the interval (1h) neither runs it again
            assertInstanceOf(ClusterJobs.Skipped.class, onA.scheduled());
            assertInstanceOf(ClusterJobs.Skipped.class, onB.scheduled());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void afterACrashEachApplianceClosesOnlyItsOwnCalls() throws Exception {
        CallService calls = nodeA.getBean(CallService.class);
        Call onA = calls.create(tenant, NewCall.inbound("CAcrashA", "+972502345670", "+97236091234"));
        Call onB = calls.create(tenant, NewCall.inbound("CAcrashB", "+972502345671", "+97236091234"));
        ApplicationContext crashing = node("node-c", LONG_TIMEOUT_MS);
        assertInstanceOf(CallRegistry.Admitted.class, crashing.getBean(CallRegistry.class)
                .admit("CAcrashA", tenant.id(), "yam", TENANT_LIMIT, "token"));
        assertInstanceOf(CallRegistry.Admitted.class, nodeB.getBean(CallRegistry.class)
                .admit("CAcrashB", tenant.id(), "yam", TENANT_LIMIT, "token"));
        // the node dies without ending its calls: its context goes away, its live-call row stays behind
        crashing.getBean(CallRegistry.class).find("CAcrashA").orElseThrow();
        crashing.stop();
        assertEquals("node-c", nodeOf("CAcrashA"));

        // the same node id, as after a restart on that host; calls that do not stream expire at once
        ApplicationContext restarted = node("node-c", 0);
        Call closed = calls.getBySid(tenant, "CAcrashA");
        assertNotNull(closed.endedAt(), "closed at start");
        assertEquals(CallEnd.APPLIANCE_RESTART.id(), closed.endReason());
        assertNull(nodeOf("CAcrashA"), "its live-call row is gone");
        Call untouched = calls.getBySid(tenant, "CAcrashB");
        assertNull(untouched.endedAt(), "node-b's live call is not node-c's to close");
        assertEquals("node-b", nodeOf("CAcrashB"));
        assertEquals(0, restarted.getBean(ClusterNode.class).recoverPreviousRun(), "nothing left to close");

        // a call admitted but never streamed is closed after moked.call.stream-start-timeout-ms (0 here)
        Call silent = calls.create(tenant, NewCall.inbound("CAsilent", "+972502345672", "+97236091234"));
        CallRegistry registry = restarted.getBean(CallRegistry.class);
        assertInstanceOf(CallRegistry.Admitted.class, registry.admit("CAsilent", tenant.id(), "yam",
                TENANT_LIMIT, "token"));
        registry.expireUnstarted();
        assertEquals(CallEnd.STREAM_NOT_STARTED.id(), calls.get(tenant, silent.id()).endReason());
        assertNull(nodeOf("CAsilent"));

        nodeB.getBean(CallRegistry.class).release("CAcrashB");
        assertNull(nodeOf("CAcrashB"));
        assertNull(calls.get(tenant, onB.id()).endReason(), "releasing a slot does not end the call row");
        assertEquals(onA.id(), closed.id());
    }

    private Connection sql() throws Exception {
        return DriverManager.getConnection("jdbc:" + db.url().replace("postgres@", "") + "?user=postgres");
    }

    private int liveRows(String nodeId) throws Exception {
        try (Connection c = sql(); PreparedStatement st = c.prepareStatement(nodeId == null
                ? "SELECT COUNT(*) FROM live_calls" : "SELECT COUNT(*) FROM live_calls WHERE node_id = ?")) {
            if (nodeId != null) {
                st.setString(1, nodeId);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<String> liveSids() throws Exception {
        List<String> sids = new ArrayList<>();
        try (Connection c = sql(); ResultSet rs = c.createStatement().executeQuery("SELECT call_sid FROM live_calls")) {
            while (rs.next()) {
                sids.add(rs.getString(1));
            }
        }
        return sids;
    }

    private String nodeOf(String callSid) throws Exception {
        try (Connection c = sql(); PreparedStatement st = c.prepareStatement(
                "SELECT node_id FROM live_calls WHERE call_sid = ?")) {
            st.setString(1, callSid);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void setHeartbeat(String nodeId, Instant at) throws Exception {
        try (Connection c = sql(); PreparedStatement st = c.prepareStatement(
                "UPDATE cluster_nodes SET heartbeat_at = ? WHERE node_id = ?")) {
            st.setTimestamp(1, Timestamp.from(at));
            st.setString(2, nodeId);
            assertEquals(1, st.executeUpdate());
        }
    }
}
