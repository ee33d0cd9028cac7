package io.moked.engine;

/** One routed engine: its name, deadline, circuit breaker, executor and what the router has seen of it. */
final class Slot<E> {
    final String name;
    final E engine;
    final long timeoutMs;
    final CircuitBreaker breaker;
    final KindExecutor executor;
    private volatile EngineStatus.Readiness readiness = EngineStatus.Readiness.PENDING;
    private volatile String lastError;
    private volatile long warmUpMs = -1;
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

    Slot(String name, E engine, long timeoutMs, CircuitBreaker breaker, KindExecutor executor) {
        this.executor = executor;
        this.name = name;
        this.engine = engine;
        this.timeoutMs = timeoutMs;
        this.breaker = breaker;
    }

    EngineStatus.Readiness readiness() {
        return readiness;
    }

    String lastError() {
        return lastError == null ? "no error recorded" : lastError;
    }

    void warmedUp(String error, long ms) {
        warmUpMs = ms;
        if (error == null) {
            readiness = EngineStatus.Readiness.READY;
        } else {
            lastError = error;
            readiness = EngineStatus.Readiness.FAILED;
        }
    }

    void succeeded() {
        calls.incrementAndGet();
    }

    void failed(String error) {
        calls.incrementAndGet();
        failures.incrementAndGet();
        lastError = error;
    }

    EngineStatus status(EngineKind kind) {
        return new EngineStatus(kind.id(), name, readiness, breaker.state().name(),
                breaker.consecutiveFailures(), lastError, warmUpMs, calls.get(), failures.get());
    }
}
