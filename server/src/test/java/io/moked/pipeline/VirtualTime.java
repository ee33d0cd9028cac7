package io.moked.pipeline;

import io.moked.audio.MonotonicClock;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Virtual monotonic time for tests: the clock only moves when the test advances it, and wake-ups scheduled on it run
 * then, in time order, each followed by the executor's work. Starts at an arbitrary non-zero time.
 */
public final class VirtualTime implements MonotonicClock, Wakeups {
    private final ManualExecutor executor;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now = TimeUnit.SECONDS.toNanos(1_000);
    private long seq;

    public VirtualTime(ManualExecutor executor) {
        this.executor = executor;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(long delayNanos, Runnable task) {
        Timer timer = new Timer(now + Math.max(0, delayNanos), seq++, task);
        timers.add(timer);
        return () -> {
            synchronized (VirtualTime.this) {
                timers.remove(timer);
            }
        };
    }

    /**
     * Lets time pass without running anything (work that takes time inside an engine call, on the test's thread);
     * wake-ups that fell due run at the next {@link #advanceMs}.
     */
    public synchronized void passMs(long ms) {
        now += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** Moves the clock forward, running every wake-up that falls due on the way (and the work it queues). */
    public void advanceMs(long ms) {
        long until;
        synchronized (this) {
            until = now + TimeUnit.MILLISECONDS.toNanos(ms);
        }
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.at() > until) {
                    now = until;
                    break;
                }
                timers.poll();
                now = Math.max(now, next.at());
            }
            next.task().run();
            executor.runUntilIdle();
        }
        executor.runUntilIdle();
    }

    private record Timer(long at, long seq, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }
}
