package io.moked.cli.sim.report;

import io.moked.audio.OutboundPacer;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything a run of simulated calls measured: one latency distribution per {@link Metric}, calls started and
 * completed, errors by kind. Calls record into it concurrently; it is read once the run is over.
 */
public final class LoadReport {
    private final Map<Metric, LatencyStats> stats = new EnumMap<>(Metric.class);
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong agentFrames = new AtomicLong();
    private final AtomicLong callerFrames = new AtomicLong();
    private volatile ApplianceFrames applianceFrames;
    private volatile String applianceFramesUnavailable = "not read";
    private final int pacerLeadMs;

    /** A report for an appliance with the default pacer lead ({@code moked.call.lead-ms}). */
    public LoadReport() {
        this(OutboundPacer.DEFAULT_LEAD_MS);
    }

    /** @param pacerLeadMs the appliance's {@code moked.call.lead-ms}: agent audio it sends early on purpose, not jitter */
    public LoadReport(int pacerLeadMs) {
        if (pacerLeadMs < 0) {
            throw new IllegalArgumentException("pacer lead must be >= 0 ms, got " + pacerLeadMs);
        }
        this.pacerLeadMs = pacerLeadMs;
        for (Metric m : Metric.values()) {
            stats.put(m, new LatencyStats());
        }
    }

    /** A new per-call jitter meter that leaves the pacer's lead out ({@link CadenceJitter}). */
    public CadenceJitter newJitterMeter() {
        return new CadenceJitter(stats(Metric.JITTER), pacerLeadMs);
    }

    public LatencyStats stats(Metric metric) {
        return stats.get(metric);
    }

    /** @param kind short stable identifier, e.g. {@code webhook_http_503}, {@code no_reply}, {@code ws_closed_early} */
    public void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void callStarted() {
        started.incrementAndGet();
    }

    /** A call that went through its whole scenario and sent {@code stop} (it may still have recorded errors). */
    public void callCompleted() {
        completed.incrementAndGet();
    }

    public void agentFrames(long n) {
        agentFrames.addAndGet(n);
    }

    public void callerFrames(long n) {
        callerFrames.addAndGet(n);
    }

    public long started() {
        return started.get();
    }

    public long completed() {
        return completed.get();
    }

    public long agentFrames() {
        return agentFrames.get();
    }

    public long callerFrames() {
        return callerFrames.get();
    }

    /** The appliance's own frame counts over the run (issue 14), read from its /prometheus. */
    public void applianceFrames(ApplianceFrames frames) {
        this.applianceFrames = frames;
    }

    /** Why the appliance's frame counts could not be read. */
    public void applianceFramesUnavailable(String why) {
        this.applianceFrames = null;
        this.applianceFramesUnavailable = why;
    }

    /** The appliance's frame counts over the run, or null (see {@link #applianceFramesUnavailable()}). */
    public ApplianceFrames applianceFrames() {
        return applianceFrames;
    }

    public String applianceFramesUnavailable() {
        return applianceFramesUnavailable;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Errors by kind, sorted by kind. */
    public Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
