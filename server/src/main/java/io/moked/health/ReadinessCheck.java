package io.moked.health;

import java.util.Map;

/**
 * One thing the appliance needs before it can take calls (database migrated, VAD model loaded, engines warm...).
 * Every bean implementing this is reported by {@code GET /ready} and {@code agentctl doctor}; the appliance is fully
 * ready only when all are, and can take calls at all only when every non-{@link #degradable()} check is. Checks must be cheap and non-blocking (report cached state, do not run inference here).
 */
public interface ReadinessCheck {
    /** Short stable name, e.g. "database", "vad", "stt". */
    String name();

    Result check();

    /**
     * True when the appliance can still take calls while this check fails: the webhook then answers in degraded mode
     * (the tenant's message plus voicemail, the caller kept as a lead) instead of the assistant. {@code /ready} stays
     * 200 with status "degraded" so a load balancer keeps sending calls that would otherwise hear nothing. False (the
     * default) for what no call can do without, such as the database.
     */
    default boolean degradable() {
        return false;
    }

    /**
     * @param detail one line for humans; when not ready it says what is wrong and the command that fixes it
     * @param info   extra machine-readable facts (engine names, breaker state...)
     */
    record Result(boolean ready, String detail, Map<String, Object> info) {
        public static Result ok(String detail) {
            return new Result(true, detail, Map.of());
        }

        public static Result notReady(String detail) {
            return new Result(false, detail, Map.of());
        }
    }
}
