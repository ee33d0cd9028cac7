package io.moked.cli.sim.report;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU used by this process (the load generator) over a run, so a report shows whether the generator itself could
 * have been the bottleneck. Uses the process CPU time of the JDK's OperatingSystemMXBean.
 */
public record LoadgenUsage(double cpuSeconds, double wallSeconds, int cores, double gcSeconds) {
    private static final double NANOS_PER_S = 1e9;

    /** CPU time as a share of one core (100 = one core fully busy). */
    public double percentOfOneCore() {
        return wallSeconds <= 0 ? 0 : 100.0 * cpuSeconds / wallSeconds;
    }

    /** CPU time as a share of the whole machine (100 = every core busy). */
    public double percentOfMachine() {
        return percentOfOneCore() / Math.max(1, cores);
    }

    /** Starts measuring; call {@link Meter#stop()} at the end of the run. */
    public static Meter start() {
        return new Meter();
    }

    public static final class Meter {
        private final long cpuStart = processCpuNanos();
        private final long wallStart = System.nanoTime();
        private final long gcStartMs = gcMillis();

        public LoadgenUsage stop() {
            return new LoadgenUsage((processCpuNanos() - cpuStart) / NANOS_PER_S,
                    (System.nanoTime() - wallStart) / NANOS_PER_S, Runtime.getRuntime().availableProcessors(),
                    (gcMillis() - gcStartMs) / 1000.0);
        }
    }

    /** Time the collectors spent (pauses and concurrent work) so far: a late frame may be the generator's own GC. */
    static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        // JVMs without the com.sun extension: sum of thread CPU times is the closest available measure
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }
}
