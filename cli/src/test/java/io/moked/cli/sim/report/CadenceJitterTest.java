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

    /** What the appliance's pacer does with a 60 ms lead: four 20 ms chunks at once, then one every 20 ms. */
    @Test
    void thePacersLeadAtAReplysStartIsNotJitter() {
        LatencyStats sink = new LatencyStats();
        CadenceJitter jitter = new CadenceJitter(sink, 60);
        for (int i = 0; i < 4; i++) {
            assertEquals(-1, jitter.onChunk(1000 * MS, 20 * MS));
        }
        for (int i = 1; i <= 20; i++) {
            assertEquals(0, jitter.onChunk(1000 * MS + i * 20 * MS, 20 * MS));
        }
        assertEquals(3, jitter.leadChunks());
        assertEquals(20, sink.summary().count());
        assertEquals(0.0, sink.summary().max());
        // the same arrivals without a lead allowance: three samples of 20 ms
        LatencyStats all = new LatencyStats();
        CadenceJitter noLead = new CadenceJitter(all);
        for (int i = 0; i < 4; i++) {
            noLead.onChunk(1000 * MS, 20 * MS);
        }
        assertEquals(3, all.summary().count());
        assertEquals(20.0, all.summary().max(), 0.1);
    }

    @Test
    void chunksEarlyBeyondTheLeadAndLateChunksAreStillJitter() {
        LatencyStats sink = new LatencyStats();
        CadenceJitter jitter = new CadenceJitter(sink, 60);
        for (int i = 0; i < 4; i++) {
            jitter.onChunk(0, 20 * MS); // lead built: 80 ms buffered
        }
        // the caller's buffer already holds the lead: a chunk 5 ms early overfills it
        assertEquals(5 * MS, jitter.onChunk(15 * MS, 20 * MS));
        // 7 ms late
        assertEquals(7 * MS, jitter.onChunk(42 * MS, 20 * MS));
        assertEquals(2, sink.summary().count());
        assertEquals(3, jitter.leadChunks());
    }

    @Test
    void afterTheCallersBufferRanDryTheGapCountsAndTheNewLeadDoesNot() {
        LatencyStats sink = new LatencyStats();
        CadenceJitter jitter = new CadenceJitter(sink, 60);
        jitter.onChunk(0, 20 * MS);
        jitter.onChunk(20 * MS, 20 * MS);
        // the next sentence came 100 ms late: the caller heard 100 ms of nothing (within a burst)
        assertEquals(100 * MS, jitter.onChunk(140 * MS, 20 * MS));
        // the pacer builds its lead again: back to back, not jitter
        assertEquals(-1, jitter.onChunk(140 * MS, 20 * MS));
        assertEquals(-1, jitter.onChunk(140 * MS, 20 * MS));
        assertEquals(-1, jitter.onChunk(140 * MS, 20 * MS));
        assertEquals(0, jitter.onChunk(160 * MS, 20 * MS));
        assertEquals(1, jitter.bursts());
        assertEquals(3, sink.summary().count());
        assertEquals(100.0, sink.summary().max(), 0.1); // histogram precision
    }
}
