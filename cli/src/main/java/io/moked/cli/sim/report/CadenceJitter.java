package io.moked.cli.sim.report;

/**
 * Jitter of the agent's outbound audio cadence, as the caller receives it. The appliance paces agent audio in real
 * time: a chunk of d ms should be followed by the next one d ms later. For consecutive chunks of one burst the
 * jitter sample is {@code |(arrival(i+1) − arrival(i)) − duration(i)|}. A gap longer than the chunk plus
 * {@link #BURST_GAP_MS} is the agent falling silent (between replies, or waiting for the next sentence), not
 * jitter: it starts a new burst and yields no sample. Not thread-safe: one instance per call, fed in arrival order.
 *
 * <p>The lead is not jitter. The appliance's pacer keeps up to {@code lead} ms of audio buffered at Twilio, so when a
 * reply starts (and again after the caller's side ran dry) it sends that much back to back. Such a chunk arrives
 * early while the caller's buffer holds no more than the lead (the pacer's own rule for releasing a chunk); it is
 * counted in {@link #leadChunks()} and yields no sample. Everything else is measured: a chunk early beyond the lead,
 * any late chunk (the one after a dry buffer included, which is what a caller hears as a gap). The caller's buffer
 * is modelled as playing from arrival, back to back. With a lead of 0 every chunk of a burst is a sample.
 */
public final class CadenceJitter {
    /** Silence longer than this (beyond the expected chunk duration) separates two bursts of agent audio. */
    public static final long BURST_GAP_MS = 250;
    private static final long NANOS_PER_MS = 1_000_000;

    private final LatencyStats sink;
    private final long leadNanos;
    private long lastArrivalNanos = Long.MIN_VALUE;
    private long lastDurationNanos;
    /** When the caller's side will have played everything received so far (audio plays from arrival). */
    private long playheadNanos;
    private long bursts;
    private long leadChunks;

    /** Every chunk of a burst is a sample (no lead allowance). */
    public CadenceJitter(LatencyStats sink) {
        this(sink, 0);
    }

    /**
     * @param leadMs how far ahead of real time the appliance may send (its {@code moked.call.media.lead-ms}); chunks
     *               building that lead are not jitter
     */
    public CadenceJitter(LatencyStats sink, int leadMs) {
        if (leadMs < 0) {
            throw new IllegalArgumentException("lead must be >= 0 ms, got " + leadMs);
        }
        this.sink = sink;
        this.leadNanos = leadMs * NANOS_PER_MS;
    }

    /**
     * @param arrivalNanos  monotonic arrival time of the chunk
     * @param durationNanos audio duration the chunk carries (160 μ-law bytes = 20 ms)
     * @return the jitter sample in nanoseconds, or -1 when this chunk starts a burst or builds the lead
     */
    public long onChunk(long arrivalNanos, long durationNanos) {
        long sample = -1;
        if (lastArrivalNanos == Long.MIN_VALUE
                || arrivalNanos - lastArrivalNanos > lastDurationNanos + BURST_GAP_MS * NANOS_PER_MS) {
            bursts++;
        } else {
            long deviation = arrivalNanos - lastArrivalNanos - lastDurationNanos;
            long buffered = playheadNanos - arrivalNanos;
            if (deviation < 0 && buffered <= leadNanos) {
                leadChunks++;
            } else {
                sample = Math.abs(deviation);
                sink.recordNanos(sample);
            }
        }
        playheadNanos = Math.max(playheadNanos, arrivalNanos) + durationNanos;
        lastArrivalNanos = arrivalNanos;
        lastDurationNanos = durationNanos;
        return sample;
    }

    public long bursts() {
        return bursts;
    }

    /** Chunks sent early to build the pacer's lead, left out of the jitter. */
    public long leadChunks() {
        return leadChunks;
    }
}
