package io.moked.pipeline;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A deterministic executor for tests: tasks wait until the test runs them, on the test's own thread. */
public final class ManualExecutor implements Executor {
    private static final int MAX_TASKS = 1_000_000;
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs tasks (and the tasks they queue) until none is left. */
    public void runUntilIdle() {
        for (int n = 0; n < MAX_TASKS; n++) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
            }
            if (task == null) {
                return;
            }
            task.run();
        }
        throw new AssertionError("tasks keep queueing more tasks: a loop?");
    }
}
