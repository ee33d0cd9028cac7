package io.moked.cli.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of long work (model downloads, load tests, migrations), written to stderr.
 * On a terminal one line redraws itself at most every {@link #REDRAW_INTERVAL_MS}; elsewhere (logs, CI) a line is
 * printed per {@link #LOG_STEP_PERCENT} percent, or every {@link #LOG_INTERVAL_MS} when the total is unknown.
 * Thread-safe: workers may call {@link #advance} concurrently.
 */
public final class Progress implements AutoCloseable {
    /** What is being counted; decides how amounts are printed. */
    public enum Unit { COUNT, BYTES }

    static final long REDRAW_INTERVAL_MS = 100;
    static final long LOG_INTERVAL_MS = 5_000;
    static final int LOG_STEP_PERCENT = 10;
    private static final long NANOS_PER_MS = 1_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final Unit unit;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long done;
    private long lastDrawNanos;
    private int lastLoggedStep = -1;
    private int drawnWidth;
    private boolean closed;

    Progress(PrintWriter err, String label, long total, Unit unit, boolean interactive, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    public synchronized void advance(long amount) {
        update(done + amount);
    }

    public synchronized void set(long amount) {
        update(amount);
    }

    public synchronized long done() {
        return done;
    }

    private void update(long amount) {
        done = amount;
        long now = nanoClock.getAsLong();
        if (interactive) {
            if (now - lastDrawNanos >= REDRAW_INTERVAL_MS * NANOS_PER_MS) {
                lastDrawNanos = now;
                redraw(status(now));
            }
        } else if (total > 0) {
            int step = (int) Math.min(100, done * 100 / total) / LOG_STEP_PERCENT;
            if (step > lastLoggedStep && step < 100 / LOG_STEP_PERCENT) {
                lastLoggedStep = step;
                err.println(status(now));
                err.flush();
            }
        } else if (now - lastDrawNanos >= LOG_INTERVAL_MS * NANOS_PER_MS) {
            lastDrawNanos = now;
            err.println(status(now));
            err.flush();
        }
    }

    private void redraw(String text) {
        int pad = Math.max(0, drawnWidth - text.length());
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
        drawnWidth = text.length();
    }

    /** The current status line, e.g. "pull ggml-tiny.bin  42% 32.1 MB/77.7 MB  5.3 MB/s  eta 9s". */
    synchronized String status(long nowNanos) {
        double seconds = Math.max(1e-3, (nowNanos - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(label).append("  ");
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, done * 100 / total)))
                    .append(amount(done)).append('/').append(amount(total));
        } else {
            line.append(amount(done));
        }
        line.append("  ").append(amount(Math.round(rate))).append("/s");
        if (total > 0 && rate > 0 && done < total) {
            line.append("  eta ").append(duration((total - done) / rate));
        }
        return line.toString();
    }

    private String amount(long value) {
        return unit == Unit.COUNT ? Long.toString(value) : bytes(value);
    }

    /** A byte count for people: "812 B", "32.2 MB" (decimal units, as download sizes are quoted). */
    public static String bytes(long value) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double scaled = value;
        int index = 0;
        while (scaled >= 1000 && index < units.length - 1) {
            scaled /= 1000;
            index++;
        }
        return index == 0 ? value + " B" : String.format(Locale.ROOT, "%.1f %s", scaled, units[index]);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + "s" : (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }

    /** Prints the final line (also for work that stopped early: the numbers say how far it got). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long now = nanoClock.getAsLong();
        String text = status(now) + String.format(Locale.ROOT, "  in %.1fs", (now - startNanos) / 1e9);
        if (interactive) {
            redraw(text);
            err.println();
        } else {
            err.println(text);
        }
        err.flush();
    }
}
