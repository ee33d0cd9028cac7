package io.moked.engine;

import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.LlmRouter;
import io.moked.stt.SttEngine;
import io.moked.stt.SttRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineRouterTest {
    private static final long WAIT_S = 10;
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private EngineRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Fake STT engine (test code): fails, hangs or answers as scripted. */
    static final class FakeStt implements SttEngine {
        final String name;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean fail;
        volatile CountDownLatch hang;
        volatile boolean failWarmUp;

        FakeStt(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Transcript transcribe(float[] pcm16k, String language) throws EngineException {
            calls.incrementAndGet();
            if (hang != null) {
                try {
                    hang.await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail) {
                throw new EngineException(name, "scripted failure");
            }
            return new Transcript("from " + name, 0.9, language);
        }

        @Override
        public void warmUp() throws EngineException {
            if (failWarmUp) {
                throw new EngineException(name, "model file missing.bin not found");
            }
        }
    }

    private SttRouter stt(FakeStt... engines) {
        return stt(TestRoutes.route(List.of(engines).stream().map(FakeStt::name).toList(), 2_000, 3, 30_000),
                engines);
    }

    private SttRouter stt(RouteConfig route, FakeStt... engines) {
        runtime = TestRoutes.runtime(clock, route);
        return new SttRouter(runtime.router(EngineKind.STT, List.of(engines), SttEngine::name, route));
    }

    @Test
    void failureFallsBackToNextEngine() throws Exception {
        FakeStt local = new FakeStt("whisper");
        FakeStt cloud = new FakeStt("openai");
        local.fail = true;
        SttEngine.Transcript t = stt(local, cloud).transcribe(new float[160], "he").get(WAIT_S, TimeUnit.SECONDS);
        assertEquals("from openai", t.text());
        assertEquals(1, local.calls.get());
        assertEquals(1, cloud.calls.get());
    }

    @Test
    void timeoutFallsBackToNextEngine() throws Exception {
        FakeStt local = new FakeStt("whisper");
        FakeStt cloud = new FakeStt("openai");
        CountDownLatch release = new CountDownLatch(1);
        local.hang = release;
        SttRouter router = stt(TestRoutes.route(List.of("whisper", "openai"), 100, 3, 30_000), local, cloud);
        try {
            SttEngine.Transcript t = router.transcribe(new float[160], "he").get(WAIT_S, TimeUnit.SECONDS);
            assertEquals("from openai", t.text());
            EngineStatus whisper = router.status().get(0);
            assertEquals(1, whisper.consecutiveFailures());
            assertTrue(whisper.lastError().contains("timeout-ms 100"), whisper.lastError());
        } finally {
            release.countDown();
        }
    }

    @Test
    void breakerOpensAfterThresholdAndClosesAfterCoolDown() throws Exception {
        FakeStt local = new FakeStt("whisper");
        FakeStt cloud = new FakeStt("openai");
        local.fail = true;
        SttRouter router = stt(TestRoutes.route(List.of("whisper", "openai"), 2_000, 3, 30_000), local, cloud);
        for (int i = 0; i < 3; i++) {
            assertEquals("from openai", router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS).text());
        }
        assertEquals("OPEN", router.status().get(0).breaker());
        // open: the broken engine is not even tried
        router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(3, local.calls.get());

        local.fail = false;
        clock.addAndGet(29_999);
        router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(3, local.calls.get(), "still cooling down");

        clock.addAndGet(1);
        assertEquals("HALF_OPEN", router.status().get(0).breaker());
        assertEquals("from whisper", router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS).text());
        assertEquals("CLOSED", router.status().get(0).breaker());
        assertEquals(0, router.status().get(0).consecutiveFailures());
    }

    @Test
    void halfOpenTrialFailureReopens() throws Exception {
        FakeStt local = new FakeStt("whisper");
        FakeStt cloud = new FakeStt("openai");
        local.fail = true;
        SttRouter router = stt(TestRoutes.route(List.of("whisper", "openai"), 2_000, 1, 1_000), local, cloud);
        router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS);
        assertEquals("OPEN", router.status().get(0).breaker());
        clock.addAndGet(1_000);
        router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(2, local.calls.get());
        assertEquals("OPEN", router.status().get(0).breaker());
    }

    @Test
    void allEnginesFailingGivesOneErrorNamingEach() {
        FakeStt local = new FakeStt("whisper");
        FakeStt cloud = new FakeStt("openai");
        local.fail = true;
        cloud.fail = true;
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stt(local, cloud).transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS));
        EngineException cause = assertInstanceOf(EngineException.class, e.getCause());
        assertTrue(cause.getMessage().contains("whisper: scripted failure"), cause.getMessage());
        assertTrue(cause.getMessage().contains("openai: scripted failure"), cause.getMessage());
    }

    @Test
    void readinessFollowsWarmUp() throws Exception {
        FakeStt local = new FakeStt("whisper");
        FakeStt cloud = new FakeStt("openai");
        local.failWarmUp = true;
        SttRouter router = stt(local, cloud);
        assertFalse(router.check().ready(), "not ready before warm-up");
        router.warmUp().get(WAIT_S, TimeUnit.SECONDS);
        assertTrue(router.check().ready(), router.check().detail());
        assertEquals(EngineStatus.Readiness.FAILED, router.status().get(0).readiness());
        // an engine whose warm-up failed is skipped without being called
        assertEquals("from openai", router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS).text());
        assertEquals(0, local.calls.get());

        cloud.failWarmUp = true;
        router.warmUp().get(WAIT_S, TimeUnit.SECONDS);
        var result = router.check();
        assertFalse(result.ready());
        assertTrue(result.detail().contains("missing.bin"), result.detail());
    }

    @Test
    void fullQueueFallsBackWithoutBlamingTheEngine() throws Exception {
        FakeStt local = new FakeStt("whisper");
        FakeStt cloud = new FakeStt("openai");
        CountDownLatch release = new CountDownLatch(1);
        local.hang = release;
        cloud.hang = release;
        RouteConfig tiny = new TestRoutes.Route(List.of("whisper", "openai"), 5_000, java.util.Map.of(), 0, 3, 30_000,
                1, 1);
        SttRouter router = stt(tiny, local, cloud);
        try {
            CompletableFuture<SttEngine.Transcript> running = router.transcribe(new float[1], "he");
            CompletableFuture<SttEngine.Transcript> queued = router.transcribe(new float[1], "he");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> router.transcribe(new float[1], "he").get(WAIT_S, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("queue is full"), e.getCause().getMessage());
            assertEquals(0, router.status().get(0).consecutiveFailures());
            release.countDown();
            assertEquals("from whisper", running.get(WAIT_S, TimeUnit.SECONDS).text());
            assertEquals("from whisper", queued.get(WAIT_S, TimeUnit.SECONDS).text());
        } finally {
            release.countDown();
        }
    }

    /** Fake streaming LLM (test code). */
    static final class FakeLlm implements LlmEngine {
        final String name;
        final List<String> tokens;
        volatile int failAfter = -1;
        volatile CountDownLatch beforeFirst;
        volatile boolean untilCancelled;
        final CountDownLatch returned = new CountDownLatch(1);
        /** A misbehaving engine that keeps streaming after its attempt was cancelled. */
        volatile boolean ignoreCancel;

        FakeLlm(String name, List<String> tokens) {
            this.name = name;
            this.tokens = tokens;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Completion chat(ChatRequest request, Listener listener, Cancellation cancel) throws EngineException {
            try {
                return stream(listener, cancel);
            } finally {
                returned.countDown();
            }
        }

        private Completion stream(Listener listener, Cancellation cancel) throws EngineException {
            if (beforeFirst != null) {
                try {
                    beforeFirst.await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            StringBuilder text = new StringBuilder();
            int n = 0;
            while (true) {
                for (String t : tokens) {
                    if (cancel.isCancelled() && !ignoreCancel) {
                        return new Completion(text.toString(), List.of(), n, true);
                    }
                    if (n == failAfter) {
                        throw new EngineException(name, "stream broke");
                    }
                    listener.onText(t);
                    text.append(t);
                    n++;
                }
                if (!untilCancelled) {
                    return new Completion(text.toString(), List.of(), n, false);
                }
                Thread.onSpinWait();
            }
        }
    }

    private LlmRouter llm(long timeoutMs, long maxDurationMs, FakeLlm... engines) {
        RouteConfig r = new TestRoutes.Route(List.of(engines).stream().map(FakeLlm::name).toList(), timeoutMs,
                java.util.Map.of(), maxDurationMs, 3, 30_000, 2, 8);
        runtime = TestRoutes.runtime(clock, r);
        return new LlmRouter(runtime.router(EngineKind.LLM, List.of(engines), LlmEngine::name, r));
    }

    private static ChatRequest hello() {
        return new ChatRequest(List.of(ChatMessage.user("hi")), List.of(), 0.2, 32, List.of(), "CA1");
    }

    private static LlmEngine.Listener collect(List<String> into) {
        return into::add;
    }

    @Test
    void streamFailingBeforeFirstTokenFallsBackInvisibly() throws Exception {
        FakeLlm local = new FakeLlm("llama", List.of("a", "b"));
        FakeLlm cloud = new FakeLlm("openai", List.of("x", "y"));
        local.failAfter = 0;
        List<String> heard = new CopyOnWriteArrayList<>();
        LlmEngine.Completion c = llm(2_000, 0, local, cloud).chat(hello(), collect(heard), new Cancellation())
                .get(WAIT_S, TimeUnit.SECONDS);
        assertEquals("xy", c.text());
        assertEquals(List.of("x", "y"), heard);
    }

    @Test
    void streamFailingAfterPartialOutputIsNotReplayedElsewhere() {
        FakeLlm local = new FakeLlm("llama", List.of("a", "b", "c"));
        FakeLlm cloud = new FakeLlm("openai", List.of("x"));
        local.failAfter = 2;
        List<String> heard = new CopyOnWriteArrayList<>();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> llm(2_000, 0, local, cloud).chat(hello(), collect(heard), new Cancellation())
                        .get(WAIT_S, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("partial output"), e.getCause().getMessage());
        assertEquals(List.of("a", "b"), heard);
    }

    @Test
    void lateOutputOfATimedOutStreamIsDropped() throws Exception {
        FakeLlm slow = new FakeLlm("llama", List.of("late"));
        FakeLlm cloud = new FakeLlm("openai", List.of("x"));
        CountDownLatch firstToken = new CountDownLatch(1);
        slow.beforeFirst = firstToken;
        slow.ignoreCancel = true;
        List<String> heard = new CopyOnWriteArrayList<>();
        LlmRouter router = llm(100, 0, slow, cloud);
        LlmEngine.Completion c = router.chat(hello(), collect(heard), new Cancellation())
                .get(WAIT_S, TimeUnit.SECONDS);
        firstToken.countDown(); // the abandoned engine now tries to emit: it must not reach the listener
        assertTrue(slow.returned.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals("x", c.text());
        assertEquals(List.of("x"), heard);
    }

    @Test
    void callerCancellationStopsTheStreamMidway() throws Exception {
        FakeLlm local = new FakeLlm("llama", List.of("t"));
        local.untilCancelled = true;
        Cancellation bargeIn = new Cancellation();
        CountDownLatch someTokens = new CountDownLatch(5);
        CompletableFuture<LlmEngine.Completion> f = llm(2_000, 0, local).chat(hello(), token -> someTokens.countDown(),
                bargeIn);
        assertTrue(someTokens.await(WAIT_S, TimeUnit.SECONDS));
        bargeIn.cancel();
        LlmEngine.Completion c = f.get(WAIT_S, TimeUnit.SECONDS);
        assertTrue(c.cancelled());
        assertTrue(c.tokens() >= 5);
    }

    @Test
    void maxDurationCutsARunawayStream() {
        FakeLlm local = new FakeLlm("llama", List.of("t"));
        local.untilCancelled = true;
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> llm(2_000, 50, local).chat(hello(), token -> { }, new Cancellation())
                        .get(WAIT_S, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("max-duration-ms"), e.getCause().getMessage());
    }

    @Test
    void requestCancelledBeforeAnyEngineRan() {
        FakeLlm local = new FakeLlm("llama", List.of("t"));
        Cancellation c = new Cancellation();
        c.cancel();
        // CompletableFuture.get rethrows a CancellationException completion as it is
        assertThrows(CancellationException.class,
                () -> llm(2_000, 0, local).chat(hello(), token -> { }, c).get(WAIT_S, TimeUnit.SECONDS));
    }

    @Test
    void queueFirstOutputAndCallTimesAreRecorded() throws Exception {
        FakeLlm local = new FakeLlm("llama", List.of("a", "b"));
        llm(2_000, 0, local).chat(hello(), token -> { }, new Cancellation()).get(WAIT_S, TimeUnit.SECONDS);
        var registry = runtime.registry();
        assertEquals(1, registry.get("moked.engine.queue").tag("kind", "llm").tag("pool", "local").timer().count());
        // moked.engine.run is recorded after the task returns, i.e. possibly after the future completed: not asserted
        assertEquals(1, registry.get("moked.engine.first-output").tag("engine", "llama").timer().count());
        assertEquals(1, registry.get("moked.engine.call").tag("engine", "llama").tag("outcome", "success")
                .timer().count());
    }
}
