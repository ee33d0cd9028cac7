package io.moked.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.moked.pipeline.MetricsFrame;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The call path's Micrometer meters (exported on {@code /prometheus}): a timer per pipeline stage with percentile
 * histograms, malformed media stream messages by kind, and pipeline errors by processor.
 */
@Singleton
public class CallMetrics {
    private final MeterRegistry registry;
    private final Map<MetricsFrame.Stage, Timer> stages = new EnumMap<>(MetricsFrame.Stage.class);
    private final Map<String, Counter> malformed = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<String, Counter> inboundFrames = new ConcurrentHashMap<>();

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (MetricsFrame.Stage stage : MetricsFrame.Stage.values()) {
            stages.put(stage, Timer.builder("moked.call.stage")
                    .tag("stage", stage.name().toLowerCase())
                    .description("latency of one call pipeline stage")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
        }
    }

    public void record(MetricsFrame.Stage stage, long nanos) {
        if (nanos >= 0) {
            stages.get(stage).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public Timer timer(MetricsFrame.Stage stage) {
        return stages.get(stage);
    }

    /** A media stream message that could not be used (bad JSON, bad base64, unknown event, media before start). */
    public void malformed(String kind) {
        malformed.computeIfAbsent(kind, k -> Counter.builder("moked.twilio.malformed.messages").tag("kind", k)
                .description("media stream messages that were logged and skipped").register(registry)).increment();
    }

    public double malformedCount(String kind) {
        Counter c = malformed.get(kind);
        return c == null ? 0 : c.count();
    }

    /**
     * Caller frames of a media stream by what happened to them: {@code received}, {@code lost} (chunk numbers
     * skipped), {@code duplicate} (a chunk number seen again, dropped), {@code ahead_of_real_time} (dropped).
     */
    public void inboundFrames(String outcome, long n) {
        inboundFrames.computeIfAbsent(outcome, o -> Counter.builder("moked.call.inbound.frames").tag("outcome", o)
                .description("caller audio frames of media streams, by what happened to them").register(registry))
                .increment(n);
    }

    public double inboundFramesCount(String outcome) {
        Counter c = inboundFrames.get(outcome);
        return c == null ? 0 : c.count();
    }

    public void pipelineError(String processor) {
        errors.computeIfAbsent(processor, p -> Counter.builder("moked.call.errors").tag("processor", p)
                .description("failures inside the call pipeline (the call went on)").register(registry)).increment();
    }
}
