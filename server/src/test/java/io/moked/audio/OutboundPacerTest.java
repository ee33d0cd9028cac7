package io.moked.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundPacerTest {

    /** Scripted clock: time only moves when the test says so. */
    static final class FakeClock implements MonotonicClock {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        void advanceMs(double ms) {
            now += (long) (ms * 1_000_000);
        }
    }

    static short[] ramp(int samples, int from) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (from + i);
        }
        return s;
    }

    /** Drives the pacer like the real scheduler would: sleep exactly until due, send everything due. */
    static List<OutboundPacer.Chunk> drain(OutboundPacer pacer, FakeClock clock, long maxMs) {
        List<OutboundPacer.Chunk> sent = new ArrayList<>();
        long end = clock.now + TimeUnit.MILLISECONDS.toNanos(maxMs);
        while (clock.now <= end) {
            OutboundPacer.Chunk c;
            while ((c = pacer.poll()) != null) {
                sent.add(c);
            }
            long wait = pacer.nanosUntilDue();
            if (wait == OutboundPacer.NOTHING_DUE) {
                break;
            }
            clock.now += wait;
        }
        return sent;
    }

    @Test
    void audioLeavesAtRealTimePaceNotAllAtOnce() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 20, 0);
        pacer.enqueue(new short[8000]); // one second
        long t0 = clock.now;
        List<OutboundPacer.Chunk> sent = new ArrayList<>();
        for (int ms = 0; ms <= 1000; ms++) {
            OutboundPacer.Chunk c;
            while ((c = pacer.poll()) != null) {
                sent.add(c);
                long elapsedMs = (clock.now - t0) / 1_000_000;
                // chunk k is released exactly when chunk k-1 finishes playing: at k * 20 ms
                assertEquals(c.sequence() * 20, elapsedMs, "chunk " + c.sequence());
                assertEquals(160, c.pcm().length);
            }
            clock.advanceMs(1);
        }
        assertEquals(50, sent.size());
        assertEquals(8000, pacer.sentEndSample());
        assertEquals(0, pacer.queuedSamples());
    }

    @Test
    void leadKeepsABoundedAmountAheadOfPlayback() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 40, 60);
        pacer.enqueue(new short[16000]); // two seconds
        long t0 = clock.now;
        long sentSamples = 0;
        for (int ms = 0; ms < 2000; ms++) {
            OutboundPacer.Chunk c;
            while ((c = pacer.poll()) != null) {
                sentSamples += c.pcm().length;
            }
            double elapsedMs = (clock.now - t0) / 1e6;
            double aheadMs = sentSamples / 8.0 - elapsedMs;
            assertTrue(aheadMs <= 60 + 40 + 0.001, "too far ahead at " + ms + " ms: " + aheadMs);
            // never late: the remote buffer never runs dry while audio is queued
            assertTrue(aheadMs > 0 || pacer.queuedSamples() == 0, "underrun at " + ms + " ms");
            clock.advanceMs(1);
        }
        assertEquals(16000, sentSamples);
    }

    @Test
    void nanosUntilDueTellsTheSchedulerWhenToWakeUp() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 20, 0);
        assertEquals(OutboundPacer.NOTHING_DUE, pacer.nanosUntilDue());
        pacer.enqueue(new short[480]);
        assertEquals(0, pacer.nanosUntilDue());
        assertNotNull(pacer.poll());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(20), pacer.nanosUntilDue());
        assertNull(pacer.poll(), "not due yet");
        clock.advanceMs(19.9);
        assertNull(pacer.poll());
        clock.advanceMs(0.1);
        assertNotNull(pacer.poll());
        List<OutboundPacer.Chunk> rest = drain(pacer, clock, 1000);
        assertEquals(1, rest.size());
        assertEquals(OutboundPacer.NOTHING_DUE, pacer.nanosUntilDue());
    }

    @Test
    void chunksPreserveSampleOrderAndTimelinePositions() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 20, 20);
        OutboundPacer.Span a = pacer.enqueue(ramp(100, 0));
        OutboundPacer.Span b = pacer.enqueue(ramp(250, 100));
        OutboundPacer.Span c = pacer.enqueue(ramp(10, 350));
        assertEquals(new OutboundPacer.Span(0, 100), a);
        assertEquals(new OutboundPacer.Span(100, 350), b);
        assertEquals(new OutboundPacer.Span(350, 360), c);
        pacer.flush();
        List<OutboundPacer.Chunk> sent = drain(pacer, clock, 1000);
        assertEquals(3, sent.size());
        int expected = 0;
        for (OutboundPacer.Chunk chunk : sent) {
            assertEquals(expected, chunk.startSample());
            for (short s : chunk.pcm()) {
                assertEquals(expected++, s);
            }
            assertEquals(expected, chunk.endSample());
        }
        assertEquals(List.of(160, 160, 40), sent.stream().map(ch -> ch.pcm().length).toList());
        assertEquals(List.of(0L, 1L, 2L), sent.stream().map(OutboundPacer.Chunk::sequence).toList());
    }

    @Test
    void partialChunkWaitsForMoreAudioOrAFlush() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 60, 0);
        pacer.enqueue(new short[300]); // less than 480 = 60 ms
        assertNull(pacer.poll());
        assertEquals(OutboundPacer.NOTHING_DUE, pacer.nanosUntilDue());
        pacer.enqueue(new short[200]);
        OutboundPacer.Chunk full = pacer.poll();
        assertEquals(480, full.pcm().length);
        assertEquals(60, full.durationMs());
        clock.advanceMs(100);
        assertNull(pacer.poll(), "20 samples left, no flush");
        pacer.flush();
        assertEquals(20, pacer.poll().pcm().length);
        assertNull(pacer.poll());
        pacer.enqueue(new short[10]);
        assertNull(pacer.poll(), "a flush covers only audio queued before it");
    }

    @Test
    void afterTheQueueRunsDryNewAudioStartsImmediately() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 20, 0);
        pacer.enqueue(new short[160]);
        assertNotNull(pacer.poll());
        assertTrue(pacer.isTalking());
        clock.advanceMs(500); // TTS was slow; remote playback finished long ago
        assertFalse(pacer.isTalking());
        pacer.enqueue(new short[320]);
        OutboundPacer.Chunk c = pacer.poll();
        assertNotNull(c, "no artificial wait after a gap");
        assertEquals(clock.now, c.dueNanos());
        assertNull(pacer.poll(), "second chunk waits for the first to play");
    }

    @Test
    void lateSchedulerGetsAllOverdueChunksWithTheirDueTimes() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 20, 0);
        pacer.enqueue(new short[1600]);
        long t0 = clock.now;
        assertNotNull(pacer.poll());
        clock.advanceMs(25); // woke 5 ms late: chunk 1 was due at 20 ms
        OutboundPacer.Chunk late = pacer.poll();
        assertEquals(t0 + TimeUnit.MILLISECONDS.toNanos(20), late.dueNanos());
        assertNull(pacer.poll(), "catching up does not burst more than real time");
    }

    @Test
    void clearDropsQueuedAudioAndStopsTalking() {
        FakeClock clock = new FakeClock();
        OutboundPacer pacer = new OutboundPacer(clock, 20, 40);
        pacer.enqueue(new short[8000]);
        List<OutboundPacer.Chunk> first = new ArrayList<>();
        OutboundPacer.Chunk c;
        while ((c = pacer.poll()) != null) {
            first.add(c);
        }
        assertEquals(3, first.size(), "20 ms playing + 40 ms lead");
        assertTrue(pacer.isTalking());
        assertEquals(8000 - 480, pacer.clear());
        assertFalse(pacer.isTalking());
        assertNull(pacer.poll());
        assertEquals(OutboundPacer.NOTHING_DUE, pacer.nanosUntilDue());
        // the next reply continues the timeline after the dropped audio and starts at once
        OutboundPacer.Span next = pacer.enqueue(new short[160]);
        assertEquals(8000, next.startSample());
        OutboundPacer.Chunk after = pacer.poll();
        assertEquals(8000, after.startSample());
        assertEquals(3, after.sequence());
    }

    @Test
    void rejectsChunkSizesOutsideTwentyToSixtyMs() {
        assertThrows(IllegalArgumentException.class, () -> new OutboundPacer(MonotonicClock.SYSTEM, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new OutboundPacer(MonotonicClock.SYSTEM, 80, 0));
        assertThrows(IllegalArgumentException.class, () -> new OutboundPacer(MonotonicClock.SYSTEM, 20, -1));
    }
}
