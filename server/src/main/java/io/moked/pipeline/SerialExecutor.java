package io.moked.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a per-call lane over a pool all calls share
 * (e.g. the call's database writes and recording), so one call's work stays ordered without owning a thread.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
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
        next();
    }

    private void next() {
        Runnable task;
        synchronized (tasks) {
            task = tasks.poll();
            if (task == null) {
                running = false;
                return;
            }
        }
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("serial task failed", e);
                } finally {
                    next();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.error("executor refused a task; {} queued tasks of this lane dropped", tasks.size() + 1, e);
            synchronized (tasks) {
                tasks.clear();
                running = false;
            }
        }
    }
}
