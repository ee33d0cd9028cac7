package io.moked.vad;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide VAD batcher: one thread ({@code moked-vad}) that takes the chunks all calls submit
 * asynchronously and runs them as one batched Silero inference per tick. The flat combiner of
 * {@link SileroVadModel#runBatched} only batches chunks whose pipeline threads are blocked at the same moment;
 * with the appliance pinned to one core there is one pipeline thread and every batch had one chunk. Here a call's
 * chunk does not hold its pipeline thread, so the chunks of the other calls that come due meanwhile join the batch.
 *
 * <p>Tick: the first chunk opens a window of {@code windowMs} (moked.vad.batch-window-ms) in which more are
 * collected; the window closes early once every open call has its chunk in (each call has at most one chunk in
 * flight, so nobody else can come), and is skipped when fewer than two calls are open, so a lone call's barge-in
 * never waits. At most {@link SileroVadModel#MAX_BATCH} chunks per inference; the rest start the next tick.
 */
public final class VadBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(VadBatcher.class);

    private final SileroVadModel model;
    private final long windowNanos;
    private final LinkedBlockingQueue<SileroVadModel.Pending> queue = new LinkedBlockingQueue<>();
    /** Asynchronous analyzers not yet closed: the most chunks that can be in flight at once. */
    private final AtomicInteger openAnalyzers = new AtomicInteger();
    private final Thread thread;
    /** Ticks this batcher ran and the chunks they carried (the flat combiner's are not counted here). */
    private final java.util.concurrent.atomic.LongAdder ticks = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder chunksRun = new java.util.concurrent.atomic.LongAdder();
    /** Guards {@link #stopped} against a submit racing with {@link #stop}: no chunk is queued after the last drain. */
    private final Object submitLock = new Object();
    private boolean stopped;

    VadBatcher(SileroVadModel model, int windowMs) {
        if (windowMs < 0) {
            throw new IllegalArgumentException("moked.vad.batch-window-ms must be >= 0, got " + windowMs);
        }
        this.model = model;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMs);
        this.thread = new Thread(this::run, "moked-vad");
        thread.setDaemon(true);
        thread.start();
    }

    void opened() {
        openAnalyzers.incrementAndGet();
    }

    void closed() {
        openAnalyzers.decrementAndGet();
    }

    long ticks() {
        return ticks.sum();
    }

    long chunksRun() {
        return chunksRun.sum();
    }

    int openAnalyzers() {
        return openAnalyzers.get();
    }

    /**
     * Queues one chunk; returns at once. {@code onDone} is called once, on the batcher thread.
     *
     * @throws VadModelClosedException when the batcher has stopped (the model is closing)
     */
    void submit(SileroVadModel.Pending chunk) {
        synchronized (submitLock) {
            if (stopped) {
                throw new VadModelClosedException("VAD model " + model.file() + " is closed (the appliance is shutting down)");
            }
            queue.add(chunk);
        }
    }

    private void run() {
        List<SileroVadModel.Pending> batch = new ArrayList<>(SileroVadModel.MAX_BATCH);
        boolean running = true;
        while (running) {
            try {
                batch.add(queue.take());
                collect(batch);
            } catch (InterruptedException e) {
                running = false; // stop(): what was collected still gets its answer below
            }
            queue.drainTo(batch, SileroVadModel.MAX_BATCH - batch.size());
            if (!batch.isEmpty()) {
                try {
                    model.runAll(batch); // refused with VadModelClosedException once the model is closing
                    ticks.increment();
                    chunksRun.add(batch.size());
                } catch (Error e) {
                    // the thread ends: refuse new chunks and answer the queued ones, so no call waits for it
                    LOG.error("VAD batcher stopped", e);
                    synchronized (submitLock) {
                        stopped = true;
                    }
                    queue.drainTo(batch);
                    for (SileroVadModel.Pending p : batch) {
                        if (p.failure == null) {
                            p.failure = new VadModelClosedException("VAD batcher stopped: " + e);
                        }
                    }
                    throw e;
                } finally {
                    complete(batch); // each chunk's probability, or its failure
                    batch.clear();
                }
            }
        }
    }

    /** Waits up to the window for the other open calls' chunks (not when only one call is open). */
    private void collect(List<SileroVadModel.Pending> batch) throws InterruptedException {
        int open = openAnalyzers.get();
        if (open < 2 || windowNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + windowNanos;
        int wanted = Math.min(open, SileroVadModel.MAX_BATCH);
        while (batch.size() < wanted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            SileroVadModel.Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private static void complete(List<SileroVadModel.Pending> batch) {
        for (SileroVadModel.Pending p : batch) {
            try {
                p.onDone.done(p.probability, p.failure);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutdown: the pipeline executor stopped before the model; the call is going away with it
                LOG.debug("VAD result not handed back, pipeline executor stopped: {}", e.getMessage());
            } catch (RuntimeException e) {
                // one call's hand-off failing must not cost the other calls their results
                LOG.error("VAD result hand-off failed", e);
            }
        }
    }

    /**
     * Refuses new chunks, lets the inference in flight finish and answers every chunk still queued (with
     * {@link VadModelClosedException}, as the model is closing); waits up to {@code waitMs} for the thread.
     */
    void stop(long waitMs) {
        synchronized (submitLock) {
            stopped = true;
        }
        thread.interrupt();
        try {
            thread.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("VAD batcher still running after {} ms", waitMs);
            return;
        }
        // the thread drained the queue before it ended, and nothing is queued once stopped: this is for safety
        List<SileroVadModel.Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (SileroVadModel.Pending p : left) {
            p.failure = new VadModelClosedException("VAD model " + model.file() + " is closed (the appliance is shutting down)");
        }
        complete(left);
    }
}
