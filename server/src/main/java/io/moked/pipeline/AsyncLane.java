package io.moked.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs asynchronous steps of one call one after another: each step starts when the previous one's future has
 * completed (successfully or not). Engine work stays in order per call (transcripts, sentences) while the threads
 * belong to the engines' shared bounded executors. Steps must only start work (non-blocking).
 */
public final class AsyncLane {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncLane.class);
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private long generation;

    /** Queues a step; it is skipped if {@link #clear()} was called before it started. */
    public synchronized void then(Supplier<? extends CompletableFuture<?>> step) {
        long queuedIn = generation;
        tail = tail.handle((result, error) -> null).thenCompose(ignored -> {
            if (stale(queuedIn)) {
                return CompletableFuture.completedFuture(null);
            }
            try {
                CompletableFuture<?> started = step.get();
                return started == null ? CompletableFuture.completedFuture(null) : started;
            } catch (RuntimeException e) {
                LOG.warn("call step failed to start", e);
                return CompletableFuture.completedFuture(null);
            }
        });
    }

    /** Queues a step that does its work at once (e.g. pushes a frame) once the steps before it are done. */
    public void thenRun(Runnable action) {
        then(() -> {
            action.run();
            return null;
        });
    }

    /** Skips every step queued so far that has not started yet (the running one is cancelled separately). */
    public synchronized void clear() {
        generation++;
    }

    private synchronized boolean stale(long queuedIn) {
        return queuedIn != generation;
    }
}
