package io.moked.call;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded thread pools shared by all calls (engine inference has its own, see the engine routers): processors,
 * outbound audio pacing, persistence, and the assistant's tools. Netty event loops only decode messages and hand frames to these.
 */
@Singleton
public class CallExecutors {
    private final ExecutorService pipeline;
    private final ScheduledThreadPoolExecutor pacer;
    private final ExecutorService persistence;
    private final ExecutorService tools;

    public CallExecutors(CallConfig config) {
        int pipelineThreads = config.pipelineThreads() > 0 ? config.pipelineThreads()
                : Runtime.getRuntime().availableProcessors();
        this.pipeline = Executors.newFixedThreadPool(pipelineThreads, named("moked-pipeline", Thread.NORM_PRIORITY));
        // pacing decides when the caller hears the agent: it must not wait behind processor work
        this.pacer = new ScheduledThreadPoolExecutor(Math.max(1, config.pacerThreads()),
                named("moked-pacer", Thread.MAX_PRIORITY));
        this.pacer.setRemoveOnCancelPolicy(true);
        this.persistence = Executors.newFixedThreadPool(Math.max(1, config.persistenceThreads()),
                named("moked-persist", Thread.NORM_PRIORITY));
        this.tools = Executors.newFixedThreadPool(Math.max(1, config.toolThreads()),
                named("moked-tools", Thread.NORM_PRIORITY));
    }

    public ExecutorService pipeline() {
        return pipeline;
    }

    public ScheduledExecutorService pacer() {
        return pacer;
    }

    public ExecutorService persistence() {
        return persistence;
    }

    /** The assistant's tool calls (lead writes, diary look-ups, bookings): off the model and audio threads. */
    public ExecutorService tools() {
        return tools;
    }

    @PreDestroy
    void close() {
        pipeline.shutdownNow();
        pacer.shutdownNow();
        persistence.shutdown();
        tools.shutdown();
    }

    private static ThreadFactory named(String prefix, int priority) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(priority);
            return t;
        };
    }
}
