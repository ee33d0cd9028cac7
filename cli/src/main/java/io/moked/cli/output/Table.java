package io.moked.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kubectl-style table: upper-case headers, columns separated by two spaces, no borders (easy to grep and cut).
 * Each cell is laid out as its own bidi paragraph ({@link BidiLayout}) and padded by display width, so Hebrew
 * values read right to left and columns line up; a right-to-left cell starts at the right edge of its column. Columns marked {@link #wrap} (free text: notes, transcripts) wrap
 * inside their column to fit the terminal; a wrapped row takes several lines. Cells may be {@link Text} (prose with
 * the tenant's direction) or any object.
 * <pre>
 * Table.of("SLUG", "NAME").rows(tenants, t -> List.of(t.slug(), t.name())).empty("No tenants.")
 * Table.of("WHEN", "WHO", "TEXT").rows(turns, t -> List.of(t.at(), t.who(), Text.of(t.text(), dir))).wrap(2)
 * </pre>
 */
public final class Table implements TextView {
    private static final String COLUMN_GAP = "  ";
    /** Shown for null cells so that a column never looks shifted. */
    private static final String NO_VALUE = "-";
    /** A wrapping column is never squeezed below this many columns (the line gets longer than the terminal). */
    static final int MIN_WRAP_WIDTH = 20;

    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();
    private final boolean[] rightAligned;
    private final boolean[] wraps;
    private String emptyMessage;

    private Table(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
        this.wraps = new boolean[headers.size()];
    }

    public static Table of(String... headers) {
        return new Table(Arrays.asList(headers));
    }

    /** Adds a row; cells are {@link Text} or converted with {@code String.valueOf}, nulls shown as "-". */
    public Table row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public Table row(List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size()
                    + " columns");
        }
        List<Object> row = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            if (cell instanceof Text text) {
                row.add(text.value() == null ? NO_VALUE : Text.of(oneLine(text.value()), text.fallback()));
            } else {
                row.add(cell == null ? NO_VALUE : oneLine(String.valueOf(cell)));
            }
        }
        rows.add(row);
        return this;
    }

    /** A table row is one paragraph: line breaks in a value become spaces (wrapping is the table's job). */
    private static String oneLine(String value) {
        return value.replace('\n', ' ');
    }

    public <T> Table rows(Collection<T> items, Function<T, List<?>> toCells) {
        items.forEach(item -> row(toCells.apply(item)));
        return this;
    }

    /** Right-aligns the given columns (numbers). */
    public Table rightAlign(int... columns) {
        for (int column : columns) {
            rightAligned[column] = true;
        }
        return this;
    }

    /**
     * Lets the given columns (free text) wrap so that the table fits the terminal: the room left by the other
     * columns is shared among them (never below {@value #MIN_WRAP_WIDTH} columns). Nothing wraps when the width is
     * unknown (output to a pipe or file).
     */
    public Table wrap(int... columns) {
        for (int column : columns) {
            wraps[column] = true;
        }
        return this;
    }

    /** Printed instead of a header-only table when there are no rows. */
    public Table empty(String message) {
        this.emptyMessage = Objects.requireNonNull(message);
        return this;
    }

    public int size() {
        return rows.size();
    }

    @Override
    public void render(Output out) {
        if (rows.isEmpty() && emptyMessage != null) {
            out.line(emptyMessage);
            return;
        }
        List<List<Object>> all = new ArrayList<>(rows.size() + 1);
        all.add(new ArrayList<>(headers));
        all.addAll(rows);
        int[] limits = columnLimits(out, all);
        List<List<BidiLayout.Block>> blocks = new ArrayList<>(all.size());
        int[] widths = new int[headers.size()];
        for (List<Object> row : all) {
            List<BidiLayout.Block> laidOut = new ArrayList<>(row.size());
            for (int c = 0; c < widths.length; c++) {
                BidiLayout.Block block = out.layout(row.get(c), limits[c]);
                laidOut.add(block);
                widths[c] = Math.max(widths[c], block.width());
            }
            blocks.add(laidOut);
        }
        for (List<BidiLayout.Block> row : blocks) {
            int height = row.stream().mapToInt(BidiLayout.Block::height).max().orElse(1);
            for (int i = 0; i < height; i++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < widths.length; c++) {
                    if (c > 0) {
                        line.append(COLUMN_GAP);
                    }
                    BidiLayout.Block cell = row.get(c);
                    String padding = " ".repeat(widths[c] - cell.width());
                    boolean flushRight = rightAligned[c] || cell.rightToLeft();
                    line.append(flushRight ? padding + cell.line(i) : cell.line(i) + padding);
                }
                out.rawLine(line.toString().stripTrailing());
            }
        }
    }

    /** The width each column may take: unbounded, except wrapping columns when the table is wider than the line. */
    private int[] columnLimits(Output out, List<List<Object>> all) {
        int[] limits = new int[headers.size()];
        Arrays.fill(limits, BidiLayout.UNBOUNDED);
        int available = out.width();
        if (available == BidiLayout.UNBOUNDED) {
            return limits;
        }
        int[] natural = new int[headers.size()];
        for (List<Object> row : all) {
            for (int c = 0; c < natural.length; c++) {
                natural[c] = Math.max(natural[c], out.layout(row.get(c), BidiLayout.UNBOUNDED).width());
            }
        }
        int room = available - COLUMN_GAP.length() * (natural.length - 1);
        List<Integer> wrapping = new ArrayList<>();
        for (int c = 0; c < natural.length; c++) {
            if (wraps[c]) {
                wrapping.add(c);
            } else {
                room -= natural[c];
            }
        }
        // narrowest first: a column that needs less than its share leaves the rest to the others
        wrapping.sort((a, b) -> Integer.compare(natural[a], natural[b]));
        for (int i = 0; i < wrapping.size(); i++) {
            int c = wrapping.get(i);
            int share = Math.max(MIN_WRAP_WIDTH, room / (wrapping.size() - i));
            limits[c] = Math.min(natural[c], share) == natural[c] ? BidiLayout.UNBOUNDED : share;
            room -= Math.min(natural[c], share);
        }
        return limits;
    }
}
