package io.moked.cli.sim.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CadenceJitterTest {
    private static final long MS = 1_000_000;

    @Test
    void perfectRealTimeCadenceHasZeroJitter() {
        LatencyStats sink = new LatencyStats();
        CadenceJitter jitter = new CadenceJitter(sink);
        for (int i = 0; i < 50; i++) {
            jitter.onChunk(1000 * MS + i * 20 * MS, 20 * MS);
        }
        assertEquals(49, sink.summary().count());
        assertEquals(0.0, sink.summary().max());
        assertEquals(1, jitter.bursts());
    }

    @Test
    void earlyAndLateChunksCountByAbsoluteDeviationFromTheirPredecessorsDuration() {
        LatencyStats sink = new LatencyStats();
        CadenceJitter jitter = new CadenceJitter(sink);
        assertEquals(-1, jitter.onChunk(0, 20 * MS));
        assertEquals(0, jitter.onChunk(20 * MS, 40 * MS));      // on time
        assertEquals(3 * MS, jitter.onChunk(63 * MS, 20 * MS));  // 40 ms chunk, next 43 ms later: 3 ms late
        assertEquals(5 * MS, jitter.onChunk(78 * MS, 60 * MS));  // 15 ms after a 20 ms chunk: 5 ms early
        assertEquals(0, jitter.onChunk(138 * MS, 20 * MS));      // 60 ms chunk honoured
        LatencyStats.Summary s = sink.summary();
        assertEquals(4, s.count());
        assertEquals(5.0, s.max(), 0.01);
        assertEquals(2.0, s.mean(), 0.01);
    }

    @Test
    void silenceBetweenRepliesStartsANewBurstInsteadOfCountingAsJitter() {
        LatencyStats sink = new LatencyStats();
        CadenceJitter jitter = new CadenceJitter(sink);
        jitter.onChunk(0, 20 * MS);
        jitter.onChunk(20 * MS, 20 * MS);
        // 20 ms expected + 250 ms allowance = 270 ms: 271 ms later is a new burst, 269 ms later is jitter
        assertEquals(-1, jitter.onChunk(20 * MS + 271 * MS, 20 * MS));
        assertEquals(249 * MS, jitter.onChunk(291 * MS + 269 * MS, 20 * MS));
        assertEquals(2, jitter.bursts());
        assertEquals(2, sink.summary().count());
    }
}
