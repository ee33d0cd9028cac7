package io.moked.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Everything a command prints goes through here, so that {@code --output json} and bidi handling are uniform.
 * Results go to stdout; progress and warnings go to stderr (stdout stays parseable in JSON mode).
 * <pre>
 * out.emit(tenantDto, Fields.create().add("Slug", t.slug()));      // JSON: the DTO; table: the view
 * out.emit(list, Table.of("SLUG", "NAME").rows(list, t -> List.of(t.slug(), t.name())));
 * out.labelled("agent", 8, Text.of(reply, Direction.RTL), "[812 ms]");  // a transcript line
 * </pre>
 * Values are laid out by {@link BidiLayout}, each as its own paragraph: in visual order for a terminal without bidi,
 * else (pipes, files, JSON, {@code --bidi none}) in logical order; wrapped to the width only when stdout is a
 * terminal whose width is known.
 */
public final class Output {
    /** A value column never gets narrower than this, however narrow the terminal (it wraps instead). */
    static final int MIN_VALUE_WIDTH = 16;
    private static final String TRAILER_GAP = "  ";

    private final PrintWriter out;
    private final PrintWriter err;
    /** stderr without escaping, for the progress line's own carriage returns only. */
    private final PrintWriter rawErr;
    private final OutputFormat format;
    private final boolean reorderBidi;
    private final boolean errIsTerminal;
    private final LongSupplier nanoClock;
    private final IntSupplier terminalWidth;
    private int width = -1;

    /** Output without a known terminal width (nothing wraps). */
    public Output(PrintWriter out, PrintWriter err, OutputFormat format, boolean reorderBidi, boolean errIsTerminal,
                  LongSupplier nanoClock) {
        this(out, err, format, reorderBidi, errIsTerminal, nanoClock, () -> 0);
    }

    /**
     * @param terminalWidth columns of the terminal stdout goes to, 0 when unknown or not a terminal; asked once,
     *                      on the first {@link #width()}
     */
    public Output(PrintWriter out, PrintWriter err, OutputFormat format, boolean reorderBidi, boolean errIsTerminal,
                  LongSupplier nanoClock, IntSupplier terminalWidth) {
        this.out = TerminalSafeWriter.wrap(out);
        this.err = TerminalSafeWriter.wrap(err);
        this.rawErr = err;
        this.format = format;
        this.reorderBidi = reorderBidi;
        this.errIsTerminal = errIsTerminal;
        this.nanoClock = nanoClock;
        this.terminalWidth = terminalWidth;
    }

    public OutputFormat format() {
        return format;
    }

    public boolean isJson() {
        return format == OutputFormat.JSON;
    }

    /** Prints a result: {@code data} as JSON with {@code --output json}, otherwise the human view. */
    public void emit(Object data, TextView view) {
        if (isJson()) {
            json(data);
        } else {
            view.render(this);
        }
        out.flush();
    }

    public void json(Object data) {
        out.println(Json.write(data));
        out.flush();
    }

    /** A line of human text on stdout (bidi-reordered when needed). Not for JSON mode results. */
    public void line(String text) {
        rawLine(visual(text));
    }

    /** A line already in display form (used by views that reorder cell by cell). */
    public void rawLine(String text) {
        out.println(text);
    }

    /** A note for the human on stderr (never mixes into JSON on stdout). */
    public void note(String text) {
        err.println(visual(text));
        err.flush();
    }

    /** Text in the order the terminal needs to show it correctly (each line reordered, nothing wrapped). */
    public String visual(String text) {
        return reorderBidi ? BidiText.toVisual(text) : text;
    }

    /** Whether text is put into visual order (a terminal without bidi) or left in logical order. */
    public boolean reorders() {
        return reorderBidi;
    }

    /** Columns available on a line: the terminal's width, or {@link BidiLayout#UNBOUNDED} when unknown. */
    public synchronized int width() {
        if (width < 0) {
            int columns = terminalWidth.getAsInt();
            width = columns > 0 ? columns : BidiLayout.UNBOUNDED;
        }
        return width;
    }

    /**
     * A value laid out in a column of {@code columnWidth} ({@link BidiLayout#UNBOUNDED}: no wrapping), in this
     * output's order. {@code value} may be a {@link Text} (prose with its fallback direction), null (shown as "-")
     * or anything else (its {@code String.valueOf}, with left-to-right fallback).
     */
    public BidiLayout.Block layout(Object value, int columnWidth) {
        if (value instanceof Text text) {
            return BidiLayout.layout(text.value() == null ? "-" : text.value(), columnWidth, text.fallback(),
                    reorderBidi);
        }
        return BidiLayout.layout(value == null ? "-" : String.valueOf(value), columnWidth, Direction.LTR,
                reorderBidi);
    }

    /**
     * Prints a labelled value, the building block of transcripts and "show" views: the label left to right, padded
     * to {@code labelWidth} columns, then the value as its own paragraph(s) in the rest of the line, wrapped lines
     * continuing under the value, and an optional {@code trailer} (timings, flags; left to right) after its last line.
     * <pre>
     * out.labelled("  caller", 10, Text.of(turn.text(), direction), null);
     * </pre>
     */
    public void labelled(String label, int labelWidth, Object value, String trailer) {
        for (String line : labelledLines(label, labelWidth, value, trailer)) {
            rawLine(line);
        }
    }

    /** The lines {@link #labelled} prints (for views that combine them further). */
    public List<String> labelledLines(String label, int labelWidth, Object value, String trailer) {
        String shownLabel = visual(label);
        int shownWidth = BidiText.displayWidth(shownLabel);
        // a label wider than its column still gets a space before the value
        int labelColumns = shownWidth <= labelWidth ? labelWidth : shownWidth + 1;
        String shownTrailer = trailer == null || trailer.isEmpty() ? "" : TRAILER_GAP + visual(trailer);
        int valueWidth = width() == BidiLayout.UNBOUNDED ? BidiLayout.UNBOUNDED
                : Math.max(MIN_VALUE_WIDTH, width() - labelColumns - BidiText.displayWidth(shownTrailer));
        BidiLayout.Block block = layout(value, valueWidth);
        List<String> lines = new ArrayList<>(block.height());
        String indent = " ".repeat(labelColumns);
        for (int i = 0; i < block.height(); i++) {
            String start = i == 0 ? shownLabel + " ".repeat(labelColumns - shownWidth) : indent;
            String end = i == block.height() - 1 ? shownTrailer : "";
            lines.add((start + block.line(i) + end).stripTrailing());
        }
        return lines;
    }

    /**
     * Progress for long work, on stderr: a self-updating line on a terminal, periodic lines otherwise.
     * Use with try-with-resources; {@code total <= 0} means unknown.
     */
    public Progress progress(String label, long total, Progress.Unit unit) {
        return new Progress(rawErr, label, total, unit, errIsTerminal, nanoClock);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
