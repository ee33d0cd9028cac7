package io.moked.cli.sim.report;

/**
 * Jitter of the agent's outbound audio cadence, as the caller receives it. The appliance paces agent audio in real
 * time: a chunk of d ms should be followed by the next one d ms later. For consecutive chunks of one burst the
 * jitter sample is {@code |(arrival(i+1) − arrival(i)) − duration(i)|}. A gap longer than the chunk plus
 * {@link #BURST_GAP_MS} is the agent falling silent (between replies, or waiting for the next sentence), not
 * jitter: it starts a new burst and yields no sample. Not thread-safe: one instance per call, fed in arrival order.
 */
public final class CadenceJitter {
    /** Silence longer than this (beyond the expected chunk duration) separates two bursts of agent audio. */
    public static final long BURST_GAP_MS = 250;
    private static final long NANOS_PER_MS = 1_000_000;

    private final LatencyStats sink;
    private long lastArrivalNanos = Long.MIN_VALUE;
    private long lastDurationNanos;
    private long bursts;

    public CadenceJitter(LatencyStats sink) {
        this.sink = sink;
    }

    /**
     * @param arrivalNanos  monotonic arrival time of the chunk
     * @param durationNanos audio duration the chunk carries (160 μ-law bytes = 20 ms)
     * @return the jitter sample in nanoseconds, or -1 when this chunk starts a burst
     */
    public long onChunk(long arrivalNanos, long durationNanos) {
        long sample = -1;
        if (lastArrivalNanos == Long.MIN_VALUE
                || arrivalNanos - lastArrivalNanos > lastDurationNanos + BURST_GAP_MS * NANOS_PER_MS) {
            bursts++;
        } else {
            sample = Math.abs(arrivalNanos - lastArrivalNanos - lastDurationNanos);
            sink.recordNanos(sample);
        }
        lastArrivalNanos = arrivalNanos;
        lastDurationNanos = durationNanos;
        return sample;
    }

    public long bursts() {
        return bursts;
    }
}
