package io.moked.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kubectl-style table: upper-case headers, columns separated by two spaces, no borders (easy to grep and cut).
 * Cells are reordered for bidi and padded by display width, so Hebrew names line up.
 * <pre>
 * Table.of("SLUG", "NAME").rows(tenants, t -> List.of(t.slug(), t.name())).empty("No tenants.")
 * </pre>
 */
public final class Table implements TextView {
    private static final String COLUMN_GAP = "  ";
    /** Shown for null cells so that a column never looks shifted. */
    private static final String NO_VALUE = "-";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] rightAligned;
    private String emptyMessage;

    private Table(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
    }

    public static Table of(String... headers) {
        return new Table(Arrays.asList(headers));
    }

    /** Adds a row; values are converted with {@code String.valueOf}, nulls shown as "-". */
    public Table row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public Table row(List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size()
                    + " columns");
        }
        List<String> row = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            row.add(cell == null ? NO_VALUE : String.valueOf(cell).replace('\n', ' '));
        }
        rows.add(row);
        return this;
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
        List<List<String>> shown = new ArrayList<>(rows.size() + 1);
        shown.add(headers.stream().map(out::visual).toList());
        rows.forEach(row -> shown.add(row.stream().map(out::visual).toList()));
        int[] widths = new int[headers.size()];
        for (List<String> row : shown) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], BidiText.displayWidth(row.get(c)));
            }
        }
        for (List<String> row : shown) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                if (c > 0) {
                    line.append(COLUMN_GAP);
                }
                String cell = row.get(c);
                String padding = " ".repeat(widths[c] - BidiText.displayWidth(cell));
                line.append(rightAligned[c] ? padding + cell : cell + padding);
            }
            out.rawLine(line.toString().stripTrailing());
        }
    }
}
