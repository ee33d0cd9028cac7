package io.moked.engine;

import java.util.function.LongSupplier;

/**
 * Per-engine circuit breaker. CLOSED: calls pass. After {@code failureThreshold} consecutive failures it OPENs and the
 * router skips the engine. Once {@code coolDownMs} has passed it lets exactly one trial call through (HALF_OPEN): a
 * success closes it, a failure opens it for another cool-down. Time comes from an injected clock (milliseconds) so
 * tests drive it without sleeping.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long coolDownMs;
    private final LongSupplier clockMs;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtMs;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, long coolDownMs, LongSupplier clockMs) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
        }
        if (coolDownMs < 0) {
            throw new IllegalArgumentException("coolDownMs must be >= 0, was " + coolDownMs);
        }
        this.failureThreshold = failureThreshold;
        this.coolDownMs = coolDownMs;
        this.clockMs = clockMs;
    }

    /** True when a call may go to the engine now. In HALF_OPEN only one trial call is let through at a time. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clockMs.getAsLong() - openedAtMs >= coolDownMs) {
                    state = State.HALF_OPEN;
                    trialInFlight = true;
                    return true;
                }
                return false;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    /** The permit was not used (e.g. the request was cancelled before the engine ran): free the half-open trial. */
    public synchronized void release() {
        trialInFlight = false;
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAtMs = clockMs.getAsLong();
        }
    }

    /** The state as seen now (an OPEN breaker whose cool-down has passed reports HALF_OPEN). */
    public synchronized State state() {
        if (state == State.OPEN && clockMs.getAsLong() - openedAtMs >= coolDownMs) {
            return State.HALF_OPEN;
        }
        return state;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }
}
