package io.moked.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Routes calls of one engine kind over an ordered list of engines (local first). Each attempt runs on a bounded
 * {@link KindExecutor} of the kind: local engines on the core-sized one, {@link RemoteEngine}s on the I/O-sized
 * one (so a burst of cloud requests never waits behind, or for, the cores); the caller gets a {@link CompletableFuture} and no thread waits for it.
 * <ul>
 * <li>An attempt that throws, is refused by a full queue, or misses its deadline ({@code timeout-ms}: until the
 * result, or for streams until the first output) passes the request to the next engine.</li>
 * <li>Each engine has a {@link CircuitBreaker}; an open breaker skips the engine until its cool-down has passed.
 * Engines whose warm-up failed are skipped until the next warm-up.</li>
 * <li>Partial output: a streaming attempt forwards output through {@link Attempt#deliver(Runnable)}. Once an attempt
 * has delivered anything the request is committed to it: a later failure completes the future exceptionally (the
 * caller already heard part of the answer, so replaying it from another engine would repeat or contradict it), and
 * the attempt is cut after {@code max-duration-ms}. An attempt abandoned by a timeout is cancelled and whatever it
 * delivers afterwards is dropped, so two engines never interleave output.</li>
 * <li>Caller cancellation (barge-in) reaches the running attempt through a linked {@link Cancellation}; the engine
 * returns promptly and its (partial, cancelled) result completes the future. A request cancelled before any engine
 * ran completes with {@link CancellationException}.</li>
 * </ul>
 *
 * @param <E> the engine contract (SttEngine, LlmEngine, TtsEngine)
 */
public final class EngineRouter<E> {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRouter.class);

    /** One attempt of one request on one engine, given to the engine call. */
    public interface Call<E, T> {
        T run(E engine, Attempt attempt) throws EngineException;
    }

    /** Loads an engine's model and runs one tiny inference. */
    public interface WarmUp<E> {
        void warmUp(E engine) throws EngineException;
    }

    private final EngineKind kind;
    private final List<Slot<E>> slots;
    private final ScheduledExecutorService timer;
    private final RouteConfig config;
    private final MeterRegistry registry;

    public EngineRouter(EngineKind kind, List<E> engines, Function<E, String> names, RouteConfig config,
                        KindExecutor localExecutor, KindExecutor remoteExecutor, ScheduledExecutorService timer,
                        LongSupplier clockMs, MeterRegistry registry) {
        this.kind = kind;
        this.config = config;
        this.timer = timer;
        this.registry = registry;
        List<Slot<E>> list = new ArrayList<>();
        for (E engine : engines) {
            String name = names.apply(engine);
            CircuitBreaker breaker = new CircuitBreaker(config.failureThreshold(), config.coolDownMs(), clockMs);
            // remote engines wait on the network: they must not take (or wait for) the core-sized inference threads
            KindExecutor executor = engine instanceof RemoteEngine ? remoteExecutor : localExecutor;
            Slot<E> slot = new Slot<>(name, engine, config.timeoutMsFor(name), breaker, executor);
            registry.gauge("moked.engine.breaker.open", List.of(Tag.of("kind", kind.id()), Tag.of("engine", name)),
                    breaker, b -> b.state() == CircuitBreaker.State.OPEN ? 1 : 0);
            list.add(slot);
        }
        this.slots = List.copyOf(list);
    }

    public EngineKind kind() {
        return kind;
    }

    public List<String> engineNames() {
        return slots.stream().map(s -> s.name).toList();
    }

    /** Routes one request; see the class comment for fallback, breaker and partial-output rules. */
    public <T> CompletableFuture<T> route(Call<E, T> call, Cancellation callerCancel) {
        Request<E, T> request = new Request<>(call, callerCancel == null ? Cancellation.none() : callerCancel);
        tryFrom(0, request);
        return request.result;
    }

    /** The engines in order with a usable breaker and readiness; the first is the one a request would try first. */
    public List<E> usableEngines() {
        return slots.stream().filter(s -> s.status(kind).usable()).map(s -> s.engine).toList();
    }

    public List<EngineStatus> status() {
        return slots.stream().map(s -> s.status(kind)).toList();
    }

    public E engine(String name) {
        for (Slot<E> s : slots) {
            if (s.name.equals(name)) {
                return s.engine;
            }
        }
        throw new IllegalArgumentException("no " + kind.id() + " engine named " + name);
    }

    public String nameOf(E engine) {
        for (Slot<E> s : slots) {
            if (s.engine == engine) {
                return s.name;
            }
        }
        throw new IllegalArgumentException("engine not routed by the " + kind.id() + " router");
    }

    /**
     * Warms every engine in order, one after another on the kind's executor (loading several models at once would
     * only fight over the same cores). Completes when all have been tried; failures mark the engine FAILED with the
     * reason and never fail the future.
     */
    public CompletableFuture<Void> warmUp(WarmUp<E> warmUp) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Slot<E> slot : slots) {
            chain = chain.thenCompose(ignored -> warmUpOne(slot, warmUp));
        }
        return chain;
    }

    private CompletableFuture<Void> warmUpOne(Slot<E> slot, WarmUp<E> warmUp) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = () -> {
            long start = System.nanoTime();
            try {
                warmUp.warmUp(slot.engine);
                slot.warmedUp(null, elapsedMs(start));
                slot.breaker.onSuccess();
                LOG.info("{} engine {} warmed up in {} ms", kind.id(), slot.name, elapsedMs(start));
            } catch (EngineException | RuntimeException e) {
                slot.warmedUp(oneLine(e), elapsedMs(start));
                LOG.warn("{} engine {} is not ready: {}", kind.id(), slot.name, oneLine(e));
            } finally {
                done.complete(null);
            }
        };
        try {
            slot.executor.execute(task);
        } catch (RejectedExecutionException e) {
            slot.warmedUp("warm-up refused: " + kind.id() + " executor is full", -1);
            done.complete(null);
        }
        return done;
    }

    private <T> void tryFrom(int index, Request<E, T> request) {
        if (request.result.isDone()) {
            return;
        }
        if (request.callerCancel.isCancelled()) {
            request.result.completeExceptionally(new CancellationException(kind.id() + " request cancelled"));
            return;
        }
        for (int i = index; i < slots.size(); i++) {
            Slot<E> slot = slots.get(i);
            if (slot.readiness() == EngineStatus.Readiness.FAILED) {
                request.skipped.add(slot.name + ": not ready (" + slot.lastError() + ")");
                continue;
            }
            if (!slot.breaker.tryAcquire()) {
                request.skipped.add(slot.name + ": circuit open (" + slot.lastError() + ")");
                continue;
            }
            start(i, slot, request);
            return;
        }
        EngineException failure = new EngineException(kind.id(),
                "no engine could answer: " + String.join("; ", request.skipped));
        request.errors.forEach(failure::addSuppressed);
        request.result.completeExceptionally(failure);
    }

    private <T> void start(int index, Slot<E> slot, Request<E, T> request) {
        Attempt attempt = new Attempt(this, slot.name, Cancellation.linkedTo(request.callerCancel), slot.timeoutMs);
        attempt.onFailure = reason -> failed(index, slot, request, attempt, reason, true);
        attempt.firstOutputTimer = timer.schedule(() -> timedOut(index, slot, request, attempt),
                slot.timeoutMs, TimeUnit.MILLISECONDS);
        try {
            slot.executor.execute(() -> run(index, slot, request, attempt));
        } catch (RejectedExecutionException e) {
            attempt.firstOutputTimer.cancel(false);
            slot.breaker.release();
            if (attempt.abandon()) {
                // a full queue says nothing about the engine's health: no breaker failure
                EngineException error = new EngineException(slot.name, kind.id() + " executor queue is full", e);
                request.errors.add(error);
                request.skipped.add(slot.name + ": " + oneLine(error));
                record(slot, "rejected", 0);
                tryFrom(index + 1, request);
            }
        }
    }

    private <T> void run(int index, Slot<E> slot, Request<E, T> request, Attempt attempt) {
        if (!attempt.begin()) {
            return; // abandoned while queued (timed out or the caller cancelled)
        }
        long startNanos = System.nanoTime();
        T value;
        try {
            value = request.call.run(slot.engine, attempt);
        } catch (EngineException | RuntimeException e) {
            attempt.onFailure.accept(e);
            return;
        } finally {
            attempt.cancelTimers();
        }
        long ms = elapsedMs(startNanos);
        if (attempt.isCut()) {
            failed(index, slot, request, attempt, new EngineException(slot.name,
                    "stream cut after max-duration-ms " + config.maxDurationMs()), false);
        } else if (attempt.finish()) {
            slot.breaker.onSuccess();
            slot.succeeded();
            record(slot, "success", ms);
            request.result.complete(value);
        }
    }

    private <T> void failed(int index, Slot<E> slot, Request<E, T> request, Attempt attempt, Throwable error,
                            boolean abandon) {
        boolean emitted = attempt.hasEmitted();
        if (abandon && !attempt.abandon() && !emitted) {
            return; // the timeout already moved the request on; this late failure is stale
        }
        attempt.cancelTimers();
        if (request.callerCancel.isCancelled()) {
            // the caller hung up or barged in and the engine aborted noisily: not the engine's fault
            slot.breaker.release();
            request.result.completeExceptionally(new CancellationException(kind.id() + " request cancelled"));
            return;
        }
        slot.breaker.onFailure();
        slot.failed(oneLine(error));
        record(slot, "error", 0);
        EngineException engineError = error instanceof EngineException ee ? ee
                : new EngineException(slot.name, "unexpected failure: " + oneLine(error), error);
        request.errors.add(engineError);
        if (emitted) {
            EngineException partial = new EngineException(slot.name,
                    "failed after streaming partial output (" + oneLine(engineError)
                            + "); not retried on another engine", engineError);
            request.result.completeExceptionally(partial);
            return;
        }
        request.skipped.add(slot.name + ": " + oneLine(engineError));
        LOG.warn("{} engine {} failed, trying the next one: {}", kind.id(), slot.name, oneLine(engineError));
        tryFrom(index + 1, request);
    }

    private <T> void timedOut(int index, Slot<E> slot, Request<E, T> request, Attempt attempt) {
        if (!attempt.abandon()) {
            return; // it answered or emitted first
        }
        attempt.cancellation().cancel();
        String what = kind == EngineKind.STT ? "no result" : "no output";
        EngineException error = new EngineException(slot.name, what + " within timeout-ms " + slot.timeoutMs);
        request.errors.add(error);
        request.skipped.add(slot.name + ": " + oneLine(error));
        if (attempt.started()) {
            slot.breaker.onFailure();
            slot.failed(oneLine(error));
            record(slot, "timeout", slot.timeoutMs);
            LOG.warn("{} engine {} timed out after {} ms, trying the next one", kind.id(), slot.name, slot.timeoutMs);
        } else {
            // it never left the queue: the engine is not to blame
            slot.breaker.release();
            record(slot, "queue-timeout", slot.timeoutMs);
        }
        tryFrom(index + 1, request);
    }

    /** Called by an attempt at its first output: the first-output deadline no longer applies, the max duration does. */
    void committed(Attempt attempt) {
        if (attempt.firstOutputTimer != null) {
            attempt.firstOutputTimer.cancel(false);
        }
        Timer.builder("moked.engine.first-output").tag("kind", kind.id()).tag("engine", attempt.engine())
                .description("engine start to first streamed output (first token / first audio)")
                .register(registry).record(attempt.runningNanos(), TimeUnit.NANOSECONDS);
        if (config.maxDurationMs() > 0) {
            attempt.maxDurationTimer = timer.schedule(attempt::cut, config.maxDurationMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void record(Slot<E> slot, String outcome, long ms) {
        Timer.builder("moked.engine.call").tag("kind", kind.id()).tag("engine", slot.name).tag("outcome", outcome)
                .description("one engine attempt, by outcome").register(registry).record(ms, TimeUnit.MILLISECONDS);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static final class Request<E, T> {
        final Call<E, T> call;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Cancellation callerCancel;
        final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> skipped = java.util.Collections.synchronizedList(new ArrayList<>());

        Request(Call<E, T> call, Cancellation callerCancel) {
            this.call = call;
            this.callerCancel = callerCancel;
        }
    }
}
