package io.moked.cli;

/** Waiting, injectable so pacing can be tested with a fake clock instead of wall time. */
@FunctionalInterface
public interface Sleeper {
    /** {@link Thread#sleep}. */
    Sleeper SYSTEM = nanos -> {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    /** Waits {@code nanos} nanoseconds (nothing when not positive). */
    void sleepNanos(long nanos) throws InterruptedException;
}
