package io.moked.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Companion to {@link MediaPathBenchmark} for shared or busy machines: runs the same operations and reports the
 * thread's CPU time per operation (JMH reports wall time, which counts time spent waiting for a core when other
 * processes compete). Run by {@code scripts/bench/media-path.sh} after JMH.
 */
public final class MediaPathCpuTime {
    private static final int WARMUP_ROUNDS = 2;
    private static final int ROUNDS = 3;

    private MediaPathCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        MediaPathBenchmark b = new MediaPathBenchmark();
        b.setUp();
        try {
            Map<String, Callable<Object>> ops = new LinkedHashMap<>();
            ops.put("ulawDecode", b::ulawDecode);
            ops.put("ulawEncode", b::ulawEncode);
            ops.put("resample8to16", b::resample8to16);
            ops.put("twilioMediaJson", b::twilioMediaJson);
            ops.put("vadChunk8k", b::vadChunk8k);
            ops.put("vadChunk16k", b::vadChunk16k);
            ops.put("inboundFrame", b::inboundFrame);
            ops.put("outboundFrame", b::outboundFrame);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            System.out.println("== CPU time per operation (thread CPU, best of " + ROUNDS + " rounds)");
            for (Map.Entry<String, Callable<Object>> op : ops.entrySet()) {
                boolean heavy = op.getKey().startsWith("vad") || op.getKey().equals("inboundFrame");
                int iterations = heavy ? 2_000 : 100_000;
                double best = Double.MAX_VALUE;
                int sink = 0;
                for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < iterations; i++) {
                        sink += System.identityHashCode(op.getValue().call()) & 1;
                    }
                    double us = (threads.getCurrentThreadCpuTime() - start) / 1e3 / iterations;
                    if (round >= WARMUP_ROUNDS) {
                        best = Math.min(best, us);
                    }
                }
                String unit = op.getKey().startsWith("vadChunk") ? "us CPU per 32 ms VAD chunk"
                        : "us CPU per 20 ms frame";
                System.out.printf("  %-16s %10.2f %s%s%n", op.getKey(), best, unit, sink < 0 ? "!" : "");
            }
        } finally {
            b.tearDown();
        }
    }
}
