package io.moked.health;

import java.util.Map;

/**
 * One thing the appliance needs before it can take calls (database migrated, VAD model loaded, engines warm...).
 * Every bean implementing this is reported by {@code GET /ready} and {@code agentctl doctor}; the appliance is ready
 * only when all are. Checks must be cheap and non-blocking (report cached state, do not run inference here).
 */
public interface ReadinessCheck {
    /** Short stable name, e.g. "database", "vad", "stt". */
    String name();

    Result check();

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
