package io.moked.engine;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the router knows about one engine right now; shown by {@code /ready}, {@code agentctl doctor} and metrics.
 *
 * @param readiness   PENDING (not warmed up yet), READY (warm-up passed), FAILED (warm-up failed: skipped until the
 *                    next warm-up)
 * @param breaker     CLOSED, OPEN or HALF_OPEN
 * @param lastError   the last failure, one line; null if none
 * @param warmUpMs    how long the last warm-up took; -1 if it has not run
 */
@Serdeable
public record EngineStatus(String kind, String engine, Readiness readiness, String breaker,
                           int consecutiveFailures, @Nullable String lastError, long warmUpMs, long calls,
                           long failures) {
    public enum Readiness { PENDING, READY, FAILED }

    public boolean usable() {
        return readiness != Readiness.FAILED && !"OPEN".equals(breaker);
    }
}
