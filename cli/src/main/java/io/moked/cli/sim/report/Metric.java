package io.moked.cli.sim.report;

import java.util.Locale;

/** The timings a simulated call measures; {@code key} is used in --slo, JSON reports and tables. */
public enum Metric {
    WEBHOOK("webhook latency (POST /twilio/voice → TwiML)"),
    GREETING("greeting first audio (start sent → first agent media)"),
    TURN("turn latency (end of caller speech → first agent media)"),
    CLEAR("barge-in (caller speech onset → clear)"),
    JITTER("agent frame cadence jitter (|inter-arrival − chunk duration|)"),
    SEND_LAG("load generator send lag (caller frame sent − due)");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static Metric fromKey(String key) {
        for (Metric m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'");
    }
}
