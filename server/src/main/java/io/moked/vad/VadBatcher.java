package io.moked.vad;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide VAD batcher: one thread ({@code moked-vad}) that takes the chunks all calls submit
 * asynchronously and runs them as batched Silero inferences. The flat combiner of {@link SileroVadModel#runBatched}
 * only batches chunks whose pipeline threads are blocked at the same moment; with the appliance pinned to one core
 * there is one pipeline thread and every batch had one chunk. Here a call's chunks do not hold its pipeline thread,
 * so the chunks of the other calls that come due meanwhile join the batch.
 *
 * <p>Tick: the first job opens a window of {@code windowMs} (moked.vad.batch-window-ms) in which more are collected;
 * the window closes early once every open call has its job in (each call has at most one job in flight, so nobody
 * else can come), and is skipped when fewer than two calls are open, so a lone call's barge-in never waits. A job is
 * one call's chunks waiting in order (one normally; several when the call fell behind): the tick runs step by step,
 * step {@code i} one inference for the {@code i}-th chunk of every job that has one, so a call that fell behind
 * catches up in batches too. At most {@link SileroVadModel#MAX_BATCH} jobs per tick; the rest start the next tick.
 */
public final class VadBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(VadBatcher.class);

    /** One call's chunks, analysed in order on the batcher thread; see {@link VadAnalyzer#submit}. */
    interface Job {
        int chunks();

        /** Prepares chunk {@code i} (its context and state) and returns it for the step's inference. */
        SileroVadModel.Pending prepare(int i);

        /** Chunk {@code i} ran: its probability (the job advances its context). */
        void analysed(int i, float probability);

        /** The tick is over: {@code analysed} chunks from the first ran; {@code failure}: why the next did not. */
        void done(int analysed, RuntimeException failure);
    }

    private final SileroVadModel model;
    private final long windowNanos;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    /** Asynchronous analyzers not yet closed: the most jobs that can be in flight at once. */
    private final AtomicInteger openAnalyzers = new AtomicInteger();
    private final Thread thread;
    /** Ticks this batcher ran and the chunks they carried (the flat combiner's are not counted here). */
    private final LongAdder ticks = new LongAdder();
    private final LongAdder chunksRun = new LongAdder();
    /** Guards {@link #stopped} against a submit racing with {@link #stop}: no job is queued after the last drain. */
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
     * Queues one call's job; returns at once. Its {@link Job#done} is called once, on the batcher thread.
     *
     * @throws VadModelClosedException when the batcher has stopped (the model is closing)
     */
    void submit(Job job) {
        synchronized (submitLock) {
            if (stopped) {
                throw closedException("VAD model " + model.file() + " is closed (the appliance is shutting down)");
            }
            queue.add(job);
        }
    }

    private void run() {
        List<Job> jobs = new ArrayList<>(SileroVadModel.MAX_BATCH);
        boolean running = true;
        while (running) {
            try {
                jobs.add(queue.take());
                collect(jobs);
            } catch (InterruptedException e) {
                running = false; // stop(): what was collected still gets its answer below
            }
            queue.drainTo(jobs, SileroVadModel.MAX_BATCH - jobs.size());
            if (!jobs.isEmpty()) {
                tick(jobs);
                jobs.clear();
            }
        }
    }

    /** Runs the jobs step by step (one inference per step); every job gets its {@link Job#done}. */
    private void tick(List<Job> jobs) {
        int[] analysed = new int[jobs.size()];
        RuntimeException[] failures = new RuntimeException[jobs.size()];
        List<SileroVadModel.Pending> step = new ArrayList<>(jobs.size());
        List<Integer> members = new ArrayList<>(jobs.size());
        try {
            for (int i = 0; ; i++) {
                step.clear();
                members.clear();
                for (int j = 0; j < jobs.size(); j++) {
                    if (failures[j] == null && i < jobs.get(j).chunks()) {
                        step.add(jobs.get(j).prepare(i));
                        members.add(j);
                    }
                }
                if (step.isEmpty()) {
                    break;
                }
                model.runAll(step); // refused with VadModelClosedException once the model is closing
                chunksRun.add(step.size());
                for (int k = 0; k < step.size(); k++) {
                    int j = members.get(k);
                    SileroVadModel.Pending p = step.get(k);
                    if (p.failure != null) {
                        failures[j] = p.failure;
                    } else {
                        jobs.get(j).analysed(i, p.probability);
                        analysed[j]++;
                    }
                }
            }
            ticks.increment();
        } catch (Error e) {
            // the thread ends: refuse new jobs and answer the queued ones, so no call waits for a dead batcher
            LOG.error("VAD batcher stopped", e);
            synchronized (submitLock) {
                stopped = true;
            }
            for (int j = 0; j < jobs.size(); j++) {
                failures[j] = closedException("VAD batcher stopped: " + e);
            }
            List<Job> left = new ArrayList<>();
            queue.drainTo(left);
            refuse(left, "VAD batcher stopped: " + e);
            throw e;
        } finally {
            for (int j = 0; j < jobs.size(); j++) {
                done(jobs.get(j), analysed[j], failures[j]);
            }
        }
    }

    /** Waits up to the window for the other open calls' jobs (not when only one call is open). */
    private void collect(List<Job> jobs) throws InterruptedException {
        int open = openAnalyzers.get();
        if (open < 2 || windowNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + windowNanos;
        int wanted = Math.min(open, SileroVadModel.MAX_BATCH);
        while (jobs.size() < wanted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Job next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            jobs.add(next);
        }
    }

    private static void done(Job job, int analysed, RuntimeException failure) {
        try {
            job.done(analysed, failure);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutdown: the pipeline executor stopped before the model; the call is going away with it
            LOG.debug("VAD result not handed back, pipeline executor stopped: {}", e.getMessage());
        } catch (RuntimeException e) {
            // one call's hand-off failing must not cost the other calls their results
            LOG.error("VAD result hand-off failed", e);
        }
    }

    private static void refuse(List<Job> jobs, String why) {
        for (Job job : jobs) {
            done(job, 0, closedException(why));
        }
    }

    private static VadModelClosedException closedException(String message) {
        return new VadModelClosedException(message);
    }

    /**
     * Refuses new jobs, lets the tick in flight finish and answers every job still queued (with
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
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        refuse(left, "VAD model " + model.file() + " is closed (the appliance is shutting down)");
    }
}
