package io.moked.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.TurnEventFrame;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The call path's Micrometer meters (exported on {@code /prometheus}): a timer per pipeline stage with percentile
 * histograms, turn-taking events (interruptions, false ones, resumes), malformed media stream messages by kind,
 * and pipeline errors by processor.
 */
@Singleton
public class CallMetrics {
    private final MeterRegistry registry;
    private final Map<MetricsFrame.Stage, Timer> stages = new EnumMap<>(MetricsFrame.Stage.class);
    private final Map<String, Counter> malformed = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<String, Counter> inboundFrames = new ConcurrentHashMap<>();
    private final DistributionSummary lostPerCall;
    private final Map<TurnEventFrame.Event, Counter> turnEvents = new EnumMap<>(TurnEventFrame.Event.class);

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lostPerCall = DistributionSummary.builder("moked.call.inbound.frames.lost.per.call")
                .description("caller frames lost or duplicated in one call's media stream, per ended call")
                .baseUnit("frames").register(registry);
        for (MetricsFrame.Stage stage : MetricsFrame.Stage.values()) {
            stages.put(stage, Timer.builder("moked.call.stage")
                    .tag("stage", stage.name().toLowerCase())
                    .description("latency of one call pipeline stage")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
        }
        for (TurnEventFrame.Event event : TurnEventFrame.Event.values()) {
            turnEvents.put(event, Counter.builder("moked.call.turn.events")
                    .tag("event", event.name().toLowerCase())
                    .description("turn-taking events: interruptions, false interruptions, resumed replies")
                    .register(registry));
        }
    }

    /**
     * Batched Silero VAD: inferences run and the chunks they carried ({@code chunks / inferences} = mean batch size,
     * which shows whether calls' chunks meet in one inference). Monotonic counters read from the shared model.
     */
    public <T> void vadBatching(T source, ToDoubleFunction<T> inferences, ToDoubleFunction<T> chunks) {
        // the meters hold the source weakly: pass the long-lived owner (the VAD service), not a lambda
        FunctionCounter.builder("moked.vad.batched.inferences", source, inferences)
                .description("batched Silero VAD inferences run").register(registry);
        FunctionCounter.builder("moked.vad.batched.chunks", source, chunks)
                .description("VAD chunks carried by the batched inferences (chunks / inferences = mean batch size)")
                .register(registry);
    }

    public void turnEvent(TurnEventFrame.Event event) {
        turnEvents.get(event).increment();
    }

    public double turnEventCount(TurnEventFrame.Event event) {
        return turnEvents.get(event).count();
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

    /** A call's media stream ended: its lost + duplicate caller frames (count = calls, max = the worst call). */
    public void streamEnded(InboundTimeline.Stats frames) {
        lostPerCall.record(frames.lost() + frames.duplicate());
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
