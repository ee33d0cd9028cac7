package io.moked.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moked.stt.SttEngine;
import io.moked.stt.SttRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Remote engines wait on the network: they run on the kind's I/O-sized executor, so more requests than the
 * core-sized local executor has threads are in flight at once, while local engines keep their own pool.
 */
class RemoteEngineExecutorTest {
    private static final long WAIT_S = 10;
    private static final int LOCAL_THREADS = 2;
    private static final int REQUESTS = 10;
    private EngineRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Blocks every transcription until released (test code); records the threads it ran on. */
    static class BlockingStt implements SttEngine {
        final String name;
        final CountDownLatch started;
        final CountDownLatch release = new CountDownLatch(1);
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        BlockingStt(String name, int expected) {
            this.name = name;
            this.started = new CountDownLatch(expected);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Transcript transcribe(float[] pcm16k, String language) {
            threads.add(Thread.currentThread().getName());
            started.countDown();
            try {
                release.await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Transcript("from " + name, 0.9, language);
        }

        @Override
        public void warmUp() {
        }
    }

    static final class BlockingRemoteStt extends BlockingStt implements RemoteEngine {
        BlockingRemoteStt(String name, int expected) {
            super(name, expected);
        }
    }

    private SttRouter router(SttEngine engine) {
        TestRoutes.Route route = new TestRoutes.Route(List.of(engine.name()), 30_000, java.util.Map.of(), 0, 3,
                30_000, LOCAL_THREADS, 64);
        runtime = TestRoutes.runtime(new AtomicLong(), route);
        return new SttRouter(runtime.router(EngineKind.STT, List.of(engine), SttEngine::name, route));
    }

    @Test
    void remoteEngineIsNotCappedByTheCoreSizedExecutor() throws Exception {
        BlockingRemoteStt cloud = new BlockingRemoteStt("openai", REQUESTS);
        SttRouter router = router(cloud);
        List<CompletableFuture<SttEngine.Transcript>> results = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            results.add(router.transcribe(new float[160], "he"));
        }
        try {
            // all requests are in flight together although the local executor has only 2 threads
            assertTrue(cloud.started.await(WAIT_S, TimeUnit.SECONDS),
                    "only " + (REQUESTS - cloud.started.getCount()) + " remote requests in flight");
        } finally {
            cloud.release.countDown();
        }
        for (CompletableFuture<SttEngine.Transcript> r : results) {
            assertEquals("from openai", r.get(WAIT_S, TimeUnit.SECONDS).text());
        }
        assertEquals(REQUESTS, cloud.threads.size());
        assertTrue(cloud.threads.stream().allMatch(t -> t.startsWith("moked-stt-remote-")), cloud.threads.toString());
        assertEquals(REQUESTS, runtime.registry().get("moked.engine.queue").tag("kind", "stt").tag("pool", "remote")
                .timer().count());
        assertEquals(0, runtime.registry().get("moked.engine.queue").tag("kind", "stt").tag("pool", "local")
                .timer().count());
    }

    @Test
    void localEngineStaysOnTheCoreSizedExecutor() throws Exception {
        BlockingStt local = new BlockingStt("whisper", LOCAL_THREADS);
        SttRouter router = router(local);
        List<CompletableFuture<SttEngine.Transcript>> results = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            results.add(router.transcribe(new float[160], "he"));
        }
        try {
            assertTrue(local.started.await(WAIT_S, TimeUnit.SECONDS));
        } finally {
            local.release.countDown();
        }
        for (CompletableFuture<SttEngine.Transcript> r : results) {
            assertEquals("from whisper", r.get(WAIT_S, TimeUnit.SECONDS).text());
        }
        // never more threads than the local pool has, all of them local
        assertTrue(local.threads.size() <= LOCAL_THREADS, local.threads.toString());
        assertTrue(local.threads.stream().allMatch(t -> t.startsWith("moked-stt-") && !t.contains("remote")),
                local.threads.toString());
        assertEquals(REQUESTS, runtime.registry().get("moked.engine.queue").tag("kind", "stt").tag("pool", "local")
                .timer().count());
    }
}
