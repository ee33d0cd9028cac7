package io.moked.audio;

/** Monotonic nanosecond time source; lets time-driven logic (pacing) run on a scripted clock in tests. */
@FunctionalInterface
public interface MonotonicClock {
    MonotonicClock SYSTEM = System::nanoTime;

    long nanoTime();
}
