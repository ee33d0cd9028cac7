package io.moked.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded executor of one engine kind: a fixed number of daemon threads (sized to the cores by default) and a
 * bounded queue, so inference never runs on a Netty event loop and overload is refused instead of piling up. Every
 * task's queue wait and run time are recorded as Micrometer timers {@code moked.engine.queue} and
 * {@code moked.engine.run} tagged with the kind and the pool ({@code local}: inference sized to the cores,
 * {@code remote}: requests to {@link RemoteEngine}s, sized for I/O).
 */
public final class KindExecutor implements Executor, AutoCloseable {
    /** Pool tag of the executor for local inference. */
    public static final String LOCAL = "local";
    /** Pool tag of the executor for {@link RemoteEngine}s. */
    public static final String REMOTE = "remote";

    private final EngineKind kind;
    private final String poolName;
    private final ThreadPoolExecutor pool;
    private final Timer queueTimer;
    private final Timer runTimer;

    public KindExecutor(EngineKind kind, int threads, int queueCapacity, MeterRegistry registry) {
        this(kind, LOCAL, threads, queueCapacity, registry);
    }

    /** @param poolName {@link #LOCAL} or {@link #REMOTE}: tags the metrics and names the threads */
    public KindExecutor(EngineKind kind, String poolName, int threads, int queueCapacity, MeterRegistry registry) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException(kind.id() + " " + poolName
                    + " executor needs threads >= 1 and queue-capacity >= 1");
        }
        this.kind = kind;
        this.poolName = poolName;
        String prefix = "moked-" + kind.id() + (REMOTE.equals(poolName) ? "-remote" : "");
        this.pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), namedDaemonThreads(prefix),
                new ThreadPoolExecutor.AbortPolicy());
        // remote threads mostly sit idle between calls: let them go instead of keeping 64 stacks per kind
        this.pool.setKeepAliveTime(60, TimeUnit.SECONDS);
        this.pool.allowCoreThreadTimeOut(REMOTE.equals(poolName));
        this.queueTimer = Timer.builder("moked.engine.queue").tag("kind", kind.id()).tag("pool", poolName)
                .description("time an engine task waited for a thread").register(registry);
        this.runTimer = Timer.builder("moked.engine.run").tag("kind", kind.id()).tag("pool", poolName)
                .description("time an engine task ran on its thread").register(registry);
        registry.gauge("moked.engine.queue.depth", java.util.List.of(
                        io.micrometer.core.instrument.Tag.of("kind", kind.id()),
                        io.micrometer.core.instrument.Tag.of("pool", poolName)),
                pool, p -> p.getQueue().size());
    }

    public String poolName() {
        return poolName;
    }

    public EngineKind kind() {
        return kind;
    }

    /**
     * Runs the task with the submitter's logging context (MDC), so an engine's log lines carry the callSid and tenant
     * of the call that asked for the work.
     *
     * @throws RejectedExecutionException when the queue is full or the executor is shut down
     */
    @Override
    public void execute(Runnable task) {
        long queuedAtNanos = System.nanoTime();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        pool.execute(() -> {
            long startNanos = System.nanoTime();
            queueTimer.record(startNanos - queuedAtNanos, TimeUnit.NANOSECONDS);
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                task.run();
            } finally {
                MDC.clear();
                runTimer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    public int queued() {
        return pool.getQueue().size();
    }

    public int active() {
        return pool.getActiveCount();
    }

    public int threads() {
        return pool.getMaximumPoolSize();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
