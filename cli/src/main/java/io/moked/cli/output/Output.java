package io.moked.cli.output;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Everything a command prints goes through here, so that {@code --output json} and bidi handling are uniform.
 * Results go to stdout; progress and warnings go to stderr (stdout stays parseable in JSON mode).
 * <pre>
 * out.emit(tenantDto, Fields.create().add("Slug", t.slug()));      // JSON: the DTO; table: the view
 * out.emit(list, Table.of("SLUG", "NAME").rows(list, t -> List.of(t.slug(), t.name())));
 * </pre>
 */
public final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;
    private final boolean reorderBidi;
    private final boolean errIsTerminal;
    private final LongSupplier nanoClock;

    public Output(PrintWriter out, PrintWriter err, OutputFormat format, boolean reorderBidi, boolean errIsTerminal,
                  LongSupplier nanoClock) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.reorderBidi = reorderBidi;
        this.errIsTerminal = errIsTerminal;
        this.nanoClock = nanoClock;
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

    /** Text in the order the terminal needs to show it correctly. */
    public String visual(String text) {
        return reorderBidi ? BidiText.toVisual(text) : text;
    }

    /**
     * Progress for long work, on stderr: a self-updating line on a terminal, periodic lines otherwise.
     * Use with try-with-resources; {@code total <= 0} means unknown.
     */
    public Progress progress(String label, long total, Progress.Unit unit) {
        return new Progress(err, label, total, unit, errIsTerminal, nanoClock);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
