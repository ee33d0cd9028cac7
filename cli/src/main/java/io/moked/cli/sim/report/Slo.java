package io.moked.cli.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Service level objectives given as {@code --slo turn_p95_ms=800,clear_p95_ms=150,errors=0}: each latency
 * objective is {@code <metric>_<p50|p95|p99|max|mean>_ms=<limit>}, {@code errors=<n>} caps the error count and
 * {@code lost_frames=<n>} the caller frames the appliance itself counted as lost or duplicate ({@link ApplianceFrames}).
 */
public record Slo(String key, Metric metric, Stat stat, double limit) {
    public enum Stat { P50, P95, P99, MAX, MEAN }

    public static final String ERRORS_KEY = "errors";
    public static final String LOST_FRAMES_KEY = "lost_frames";

    /** Whether this objective caps the error count rather than a latency. */
    public boolean isErrorCap() {
        return metric == null && ERRORS_KEY.equals(key);
    }

    /** Whether this objective caps the frames the appliance counted as lost or duplicate. */
    public boolean isLostFramesCap() {
        return metric == null && LOST_FRAMES_KEY.equals(key);
    }

    public static List<Slo> parse(String spec) {
        List<Slo> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("--slo item '" + item + "' must look like turn_p95_ms=800");
            }
            String key = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            double limit;
            try {
                limit = Double.parseDouble(item.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--slo '" + key + "' limit is not a number: "
                        + item.substring(eq + 1));
            }
            if (limit < 0) {
                throw new IllegalArgumentException("--slo '" + key + "' limit must not be negative");
            }
            out.add(parseKey(key, limit));
        }
        return out;
    }

    private static Slo parseKey(String key, double limit) {
        if (key.equals(ERRORS_KEY) || key.equals(LOST_FRAMES_KEY)) {
            return new Slo(key, null, null, limit);
        }
        String invalid = "--slo key '" + key + "' is not <metric>_<p50|p95|p99|max|mean>_ms, errors or lost_frames; "
                + "metrics: "
                + metricKeys();
        if (!key.endsWith("_ms")) {
            throw new IllegalArgumentException(invalid);
        }
        String body = key.substring(0, key.length() - 3);
        int us = body.lastIndexOf('_');
        if (us <= 0) {
            throw new IllegalArgumentException(invalid);
        }
        try {
            Metric metric = Metric.fromKey(body.substring(0, us));
            Stat stat = Stat.valueOf(body.substring(us + 1).toUpperCase(Locale.ROOT));
            return new Slo(key, metric, stat, limit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid);
        }
    }

    private static String metricKeys() {
        StringBuilder sb = new StringBuilder();
        for (Metric m : Metric.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.key());
        }
        return sb.toString();
    }

    /** The outcome of one objective against a finished run. */
    public record Result(String key, double limit, double actual, boolean met) {
    }

    public Result evaluate(LoadReport report) {
        if (isLostFramesCap()) {
            ApplianceFrames frames = report.applianceFrames();
            // not read from the appliance: not measured, so it cannot be claimed as met
            return frames == null ? new Result(key, limit, Double.NaN, false)
                    : new Result(key, limit, frames.lost() + frames.duplicate(),
                    frames.lost() + frames.duplicate() <= limit);
        }
        double actual = isErrorCap() ? report.errorCount() : report.stats(metric).summary().stat(stat);
        boolean measured = isErrorCap() || report.stats(metric).summary().count() > 0;
        // an objective on a metric the run never measured is broken: it cannot be claimed as met
        return new Result(key, limit, actual, measured && actual <= limit);
    }
}
