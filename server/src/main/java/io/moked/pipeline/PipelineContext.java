package io.moked.pipeline;

import io.moked.audio.MonotonicClock;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Per-call context shared by the processors of one pipeline: the executor that runs their queues, the clock they
 * time stages with, the observers and the logging context (callSid, tenant) that every log line of the call carries.
 */
public final class PipelineContext {
    private final Executor executor;
    private final Map<String, String> logContext;
    private final MonotonicClock clock;
    private final List<PipelineObserver> observers = new CopyOnWriteArrayList<>();

    public PipelineContext(Executor executor, Map<String, String> logContext) {
        this(executor, logContext, MonotonicClock.SYSTEM);
    }

    public PipelineContext(Executor executor, Map<String, String> logContext, MonotonicClock clock) {
        this.executor = executor;
        this.logContext = Map.copyOf(logContext);
        this.clock = clock;
    }

    public Executor executor() {
        return executor;
    }

    /** Monotonic time for stage timings (virtual in tests). */
    public MonotonicClock clock() {
        return clock;
    }

    public Map<String, String> logContext() {
        return logContext;
    }

    public void addObserver(PipelineObserver observer) {
        observers.add(observer);
    }

    void notifyObservers(String processor, Frame frame, Direction direction) {
        for (PipelineObserver observer : observers) {
            try {
                observer.onFrame(processor, frame, direction);
            } catch (RuntimeException e) {
                // an observer bug must never break the audio path
                org.slf4j.LoggerFactory.getLogger(PipelineContext.class)
                        .warn("observer {} failed on {}", observer.getClass().getSimpleName(),
                                frame.getClass().getSimpleName(), e);
            }
        }
    }

    /** Wraps a task so it runs with this call's logging context (for engine and pacing threads). */
    public Runnable withLogContext(Runnable task) {
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            MDC.setContextMap(logContext);
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }
}
