package io.moked.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressTest {
    private final StringWriter err = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private Progress progress(long total, Progress.Unit unit, boolean interactive) {
        return new Progress(new PrintWriter(err, true), "pull model", total, unit, interactive, nanos::get);
    }

    @Test
    void logsOneLinePerTenPercentWhenNotATerminal() {
        try (Progress progress = progress(1_000, Progress.Unit.COUNT, false)) {
            for (int i = 0; i < 1_000; i++) {
                nanos.addAndGet(1_000_000);
                progress.advance(1);
            }
        }
        List<String> lines = err.toString().lines().toList();
        // 0%..90% steps plus the final line
        assertEquals(11, lines.size(), err.toString());
        assertTrue(lines.get(5).startsWith("pull model   50% 500/1000"), lines.get(5));
        assertTrue(lines.get(10).startsWith("pull model  100% 1000/1000  1000/s"), lines.get(10));
        assertTrue(lines.get(10).endsWith("in 1.0s"), lines.get(10));
    }

    @Test
    void redrawsOneLineOnATerminalAtMostEveryHundredMilliseconds() {
        try (Progress progress = progress(10_000_000, Progress.Unit.BYTES, true)) {
            for (int i = 0; i < 100; i++) {
                nanos.addAndGet(10_000_000); // 10 ms per step: every 10th update redraws
                progress.advance(100_000);
            }
        }
        String text = err.toString();
        assertEquals(10 + 1, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.endsWith("in 1.0s\n"), text);
        assertTrue(text.contains("10.0 MB/10.0 MB"), text);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, redrawn in place");
    }

    @Test
    void unknownTotalShowsCountAndRateWithoutEta() {
        Progress progress = progress(-1, Progress.Unit.BYTES, false);
        nanos.set(2_000_000_000L);
        progress.set(4_000_000);
        assertEquals("pull model  4.0 MB  2.0 MB/s", progress.status(nanos.get()));
    }

    @Test
    void etaFollowsTheRate() {
        Progress progress = progress(100, Progress.Unit.COUNT, false);
        nanos.set(10_000_000_000L);
        progress.set(25);
        assertEquals("pull model   25% 25/100  3/s  eta 30s", progress.status(nanos.get()));
    }
}
