package io.moked.db;

import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallStatus;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.NewCall;
import io.moked.crm.call.NewTurn;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads writing at once (more threads than pooled connections): lead upserts, status callbacks and turn
 * appends to one shared call. On SQLite this needs WAL + busy_timeout + IMMEDIATE transactions (no SQLITE_BUSY);
 * on both databases turn numbers of one call must not collide.
 */
abstract class ConcurrentWritesContract extends DbTestBase {
    private static final int THREADS = 8;
    private static final int ROUNDS = 15;

    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    CallService calls;

    @Test
    void parallelTransactionalWritesAllSucceed() throws Exception {
        Tenant t = Fixtures.tenant(tenants, "busy-co", "+97235550500");
        Call shared = calls.create(t, NewCall.inbound("CA-shared", "+972525550000", "+97235550500"));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < ROUNDS; i++) {
                    try {
                        String phone = String.format("+9725255%02d%03d", worker, i);
                        leads.upsert(t, new LeadUpsert(phone, "worker " + worker, null, LeadSource.CALL), "load");
                        String sid = "CA-w" + worker + "-" + i;
                        calls.create(t, NewCall.inbound(sid, phone, "+97235550500"));
                        calls.updateStatus(t, sid, CallStatus.IN_PROGRESS, 1, null);
                        calls.appendTurn(t, shared.id(), NewTurn.user("worker " + worker + " turn " + i, i, i + 1, 0.5));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertTrue(failures.isEmpty(), () -> failures.size() + " failed writes, first: " + failures.peek());
        assertEquals(THREADS * ROUNDS, leads.list(t, null, 1000).size());
        assertEquals(THREADS * ROUNDS + 1, calls.list(t, 1000).size());
        List<CallTurn> turns = calls.turns(t, shared.id());
        assertEquals(IntStream.rangeClosed(1, THREADS * ROUNDS).boxed().toList(),
                turns.stream().map(CallTurn::seq).toList());
    }
}
