package io.moked.pipeline;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared (bounded) executor: a per-call lane over a pool that
 * all calls share, so one call's engine work stays ordered without owning a thread.
 */
public final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        scheduleNext();
    }

    private void scheduleNext() {
        Runnable next;
        synchronized (tasks) {
            next = tasks.poll();
            if (next == null) {
                running = false;
                return;
            }
        }
        try {
            delegate.execute(() -> {
                try {
                    next.run();
                } finally {
                    scheduleNext();
                }
            });
        } catch (RuntimeException rejected) {
            synchronized (tasks) {
                running = false;
                tasks.clear();
            }
            throw rejected;
        }
    }

    /** Drops tasks that have not started yet (the running one is cancelled through its own Cancellation). */
    public void clearPending() {
        synchronized (tasks) {
            tasks.clear();
        }
    }
}
