package io.moked.crm.lead.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rejects file of an import: every row that could not be imported, with its line number and the reason.
 * <ul>
 *   <li>CSV input: a CSV (UTF-8 with BOM, CRLF, so Excel opens it) with the columns {@code line}, {@code reason},
 *       then the input's own header; each rejected row keeps its cells as they were. Fix the cells and import the
 *       rejects file itself (the two extra columns are ignored).</li>
 *   <li>JSON / JSON Lines input: JSON Lines {@code {"line":N,"reason":"...","original":"<the record's text>"}}.</li>
 * </ul>
 * The file is created at the first reject, or at once when asked for explicitly.
 */
final class RejectsWriter implements Closeable {
    static final String LINE_COLUMN = "line";
    static final String REASON_COLUMN = "reason";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> header;
    private final boolean csv;
    private Writer writer;
    private CSVPrinter printer;
    private long count;

    private RejectsWriter(Path file, List<String> header, boolean csv) {
        this.file = file;
        this.header = header;
        this.csv = csv;
    }

    static RejectsWriter csv(Path file, List<String> header) {
        return new RejectsWriter(file, header, true);
    }

    static RejectsWriter jsonLines(Path file) {
        return new RejectsWriter(file, List.of(), false);
    }

    Path file() {
        return file;
    }

    long count() {
        return count;
    }

    boolean opened() {
        return writer != null;
    }

    /** Creates the file now (header only until rows are rejected). */
    void open() {
        if (writer != null) {
            return;
        }
        try {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            if (csv) {
                writer.write('\uFEFF');
                printer = CSVFormat.RFC4180.print(writer);
                List<String> columns = new ArrayList<>(List.of(LINE_COLUMN, REASON_COLUMN));
                columns.addAll(header);
                printer.printRecord(columns);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file " + file + ": " + e.getMessage(), e);
        }
    }

    void write(SourceRecord record, String reason) {
        open();
        try {
            if (csv) {
                List<String> cells = new ArrayList<>(List.of(Long.toString(record.line()), reason));
                record.values().forEach(v -> cells.add(SpreadsheetCells.escape(v)));
                printer.printRecord(cells);
            } else {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put(LINE_COLUMN, record.line());
                line.put(REASON_COLUMN, reason);
                line.put("original", record.original());
                writer.write(JSON.writeValueAsString(line));
                writer.write('\n');
            }
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.close(true);
        } else if (writer != null) {
            writer.close();
        }
    }
}
