package io.moked.engine;

import java.util.concurrent.ScheduledFuture;

/**
 * One attempt of a routed request on one engine, handed to the engine call ({@link EngineRouter.Call}): its own
 * cancellation (linked to the caller's) and the gate every streamed output passes through.
 * States: QUEUED → RUNNING → (EMITTED) → DONE, or ABANDONED (timeout/failure before output) / CUT (max duration).
 */
public final class Attempt {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int EMITTED = 2;
    private static final int DONE = 3;
    private static final int ABANDONED = 4;
    private static final int CUT = 5;

    private final EngineRouter<?> router;
    private final String engine;
    private final Cancellation cancellation;
    private final long timeoutMs;
    private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean started;
    private volatile long startedNanos;
    volatile ScheduledFuture<?> firstOutputTimer;
    volatile ScheduledFuture<?> maxDurationTimer;
    java.util.function.Consumer<Throwable> onFailure;

    Attempt(EngineRouter<?> router, String engine, Cancellation cancellation, long timeoutMs) {
        this.router = router;
        this.engine = engine;
        this.cancellation = cancellation;
        this.timeoutMs = timeoutMs;
    }

    /** Set when the caller cancelled or the router abandoned this attempt; engines stop promptly. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Name of the engine running this attempt. */
    public String engine() {
        return engine;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /**
     * Forwards one piece of output to the caller if this attempt is still the live one. The first delivery commits
     * the request to this engine (no fallback after it). Returns false — and drops the output — once the attempt
     * was abandoned or cut.
     */
    public boolean deliver(Runnable forward) {
        int s = state.get();
        if (s == RUNNING && state.compareAndSet(RUNNING, EMITTED)) {
            router.committed(this);
            s = EMITTED;
        }
        if (s != EMITTED) {
            return false;
        }
        forward.run();
        return true;
    }

    public boolean hasEmitted() {
        int s = state.get();
        return s == EMITTED || s == CUT;
    }

    boolean begin() {
        boolean ok = state.compareAndSet(QUEUED, RUNNING);
        startedNanos = System.nanoTime();
        started = ok;
        return ok;
    }

    /** Nanoseconds since the engine started on this attempt. */
    long runningNanos() {
        return System.nanoTime() - startedNanos;
    }

    boolean started() {
        return started;
    }

    boolean abandon() {
        return state.compareAndSet(QUEUED, ABANDONED) || state.compareAndSet(RUNNING, ABANDONED);
    }

    boolean finish() {
        return state.compareAndSet(RUNNING, DONE) || state.compareAndSet(EMITTED, DONE);
    }

    boolean isCut() {
        return state.get() == CUT;
    }

    void cut() {
        if (state.compareAndSet(EMITTED, CUT)) {
            cancellation.cancel();
        }
    }

    void cancelTimers() {
        ScheduledFuture<?> t = firstOutputTimer;
        if (t != null) {
            t.cancel(false);
        }
        t = maxDurationTimer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
