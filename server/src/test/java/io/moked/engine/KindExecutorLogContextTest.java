package io.moked.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine work logs with the call that asked for it: the submitter's MDC (callSid, tenant) travels with the task. */
class KindExecutorLogContextTest {
    private static final long WAIT_S = 10;

    @Test
    void tasksRunWithTheSubmittersLogContextAndLeaveNoneBehind() throws Exception {
        try (KindExecutor executor = new KindExecutor(EngineKind.STT, 1, 4, new SimpleMeterRegistry())) {
            MDC.put("callSid", "CA-one");
            MDC.put("tenant", "yafo-homes");
            CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
            executor.execute(() -> seen.complete(copy()));
            MDC.clear();
            assertEquals(Map.of("callSid", "CA-one", "tenant", "yafo-homes"), seen.get(WAIT_S, TimeUnit.SECONDS));

            // the same pool thread, next task submitted without a call: no stale callSid from the previous one
            CompletableFuture<Map<String, String>> after = new CompletableFuture<>();
            executor.execute(() -> after.complete(copy()));
            assertTrue(after.get(WAIT_S, TimeUnit.SECONDS).isEmpty(), after.get().toString());
        } finally {
            MDC.clear();
        }
    }

    private static Map<String, String> copy() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return context == null ? Map.of() : new HashMap<>(context);
    }
}
