package io.moked.pipeline;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delayed tasks for the processors that keep time (audio pacing, overdue marks). In the appliance a shared
 * scheduler; tests run them on virtual time.
 */
@FunctionalInterface
public interface Wakeups {
    /** Runs {@code task} after {@code delayNanos}; the task must only hand work to its processor. */
    Scheduled schedule(long delayNanos, Runnable task);

    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }

    static Wakeups on(ScheduledExecutorService scheduler) {
        return (delayNanos, task) -> {
            ScheduledFuture<?> future = scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
