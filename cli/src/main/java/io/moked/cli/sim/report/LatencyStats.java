package io.moked.cli.sim.report;

import org.HdrHistogram.Histogram;

/**
 * One latency distribution, recorded in microseconds (3 significant digits, up to one hour) and summarised in
 * milliseconds. Thread-safe: calls record from several threads.
 */
public final class LatencyStats {
    private static final long HIGHEST_TRACKABLE_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double MICROS_PER_MS = 1000.0;

    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);

    public synchronized void recordMicros(long micros) {
        // negative would be a clock bug; clamp rather than lose the sample and the whole report
        histogram.recordValue(Math.max(0, Math.min(micros, HIGHEST_TRACKABLE_MICROS)));
    }

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1000);
    }

    public synchronized void add(LatencyStats other) {
        Histogram copy;
        synchronized (other) {
            copy = other.histogram.copy();
        }
        histogram.add(copy);
    }

    public synchronized Summary summary() {
        if (histogram.getTotalCount() == 0) {
            return Summary.EMPTY;
        }
        return new Summary(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(95)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getMaxValue()), histogram.getMean() / MICROS_PER_MS);
    }

    private static double ms(long micros) {
        return micros / MICROS_PER_MS;
    }

    /** Percentiles in milliseconds; all zero when {@code count == 0}. */
    public record Summary(long count, double p50, double p95, double p99, double max, double mean) {
        public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);

        public double stat(Slo.Stat stat) {
            switch (stat) {
                case P50:
                    return p50;
                case P95:
                    return p95;
                case P99:
                    return p99;
                case MAX:
                    return max;
                case MEAN:
                    return mean;
                default:
                    throw new IllegalArgumentException("no stat " + stat);
            }
        }
    }
}
