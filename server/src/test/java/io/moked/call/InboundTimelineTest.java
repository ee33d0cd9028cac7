package io.moked.call;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Caller frames on Twilio's clock: gaps, duplicates, timestamps and real time, on a virtual clock. */
class InboundTimelineTest {
    private static final int FRAME = 160; // 20 ms at 8 kHz
    private final Map<String, Long> counted = new HashMap<>();
    private final InboundTimeline timeline = new InboundTimeline(2000, (kind, n) -> counted.merge(kind, n, Long::sum));

    private static long at(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void framesArePlacedAtTwiliosTimestampSoALostFrameShiftsNothing() {
        timeline.start(0);
        assertEquals(0, timeline.place(1L, 0L, FRAME, at(20)));
        assertEquals(20, timeline.place(2L, 20L, FRAME, at(40)));
        assertEquals(80, timeline.place(5L, 80L, FRAME, at(100)), "chunks 3 and 4 lost: still at 80 ms");
        assertEquals(InboundTimeline.DROP, timeline.place(5L, 80L, FRAME, at(101)), "a duplicate is dropped");
        assertEquals(100, timeline.place(6L, null, FRAME, at(120)), "no timestamp: right after the previous frame");
        assertEquals(new InboundTimeline.Stats(5, 2, 1, 0), timeline.stats());
        assertEquals(2L, counted.get("lost"));
        assertEquals(1L, counted.get("duplicate"));
        assertEquals(5L, counted.get("received"));
    }

    @Test
    void audioAheadOfRealTimeIsDroppedAndCounted() {
        timeline.start(0);
        int accepted = 0;
        for (long chunk = 1; chunk <= 500; chunk++) { // 10 s of audio arriving 100 ms into the stream
            if (timeline.place(chunk, (chunk - 1) * 20, FRAME, at(100)) != InboundTimeline.DROP) {
                accepted++;
            }
        }
        assertEquals(2100 / 20, accepted, "real time (100 ms) plus the slack (2000 ms), no more");
        assertEquals(500 - accepted, timeline.stats().dropped());
        // a timestamp far in the future is dropped without moving the timeline
        assertEquals(InboundTimeline.DROP, timeline.place(null, 3_600_000L, FRAME, at(200)));
    }

    @Test
    void aForgedChunkNumberBeyondRealTimeIsDroppedAndDoesNotSilenceTheCaller() {
        timeline.start(0);
        assertEquals(0, timeline.place(1L, 0L, FRAME, at(20)));
        assertEquals(InboundTimeline.DROP, timeline.place(1_000_000L, 20L, FRAME, at(30)));
        assertEquals(20, timeline.place(2L, 20L, FRAME, at(40)), "the caller's next frame is not a duplicate");
        assertEquals(0, timeline.stats().lost());
    }
}
