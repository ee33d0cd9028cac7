package io.moked.cli.sim;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of a simulation run, sized to the machine and shared by every call: one scheduler that paces all
 * calls' 20 ms frames, and one HTTP client (webhooks + media WebSockets) whose callbacks run on a small pool.
 * Nothing here grows with the number of calls.
 */
public final class SimClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService callbacks;
    private final HttpClient http;

    public SimClients() {
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        scheduler = new ScheduledThreadPoolExecutor(threads, named("sim-pacer"));
        scheduler.setRemoveOnCancelPolicy(true);
        callbacks = Executors.newFixedThreadPool(threads, named("sim-io"));
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(callbacks)
                .build();
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callbacks.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
