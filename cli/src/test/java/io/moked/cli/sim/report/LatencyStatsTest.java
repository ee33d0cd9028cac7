package io.moked.cli.sim.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyStatsTest {
    /** HdrHistogram with 3 significant digits: values are exact to within 0.1 %. */
    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, expected * 0.001 + 1e-9, "expected " + expected + " got " + actual);
    }

    @Test
    void percentilesOfOneToHundredMilliseconds() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 100; ms >= 1; ms--) {
            stats.recordMicros(ms * 1000L);
        }
        LatencyStats.Summary s = stats.summary();
        assertEquals(100, s.count());
        assertClose(50, s.p50());
        assertClose(95, s.p95());
        assertClose(99, s.p99());
        assertClose(100, s.max());
        assertClose(50.5, s.mean());
    }

    @Test
    void skewedDistributionTailIsSeenByP99NotP95() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 980; i++) {
            stats.recordMicros(10_000);
        }
        for (int i = 0; i < 20; i++) {
            stats.recordMicros(2_000_000);
        }
        LatencyStats.Summary s = stats.summary();
        assertClose(10, s.p50());
        assertClose(10, s.p95());
        assertClose(2000, s.p99());
        assertClose(2000, s.max());
    }

    @Test
    void emptyStatsSummariseToZeroCount() {
        assertEquals(LatencyStats.Summary.EMPTY, new LatencyStats().summary());
    }

    @Test
    void addMergesDistributionsAndNegativeSamplesClampToZero() {
        LatencyStats a = new LatencyStats();
        LatencyStats b = new LatencyStats();
        a.recordMicros(1000);
        b.recordMicros(3000);
        b.recordNanos(-5);
        a.add(b);
        LatencyStats.Summary s = a.summary();
        assertEquals(3, s.count());
        assertClose(3, s.max());
        assertClose(1, s.p50());
    }
}
