package io.moked.crm.lead.files;

import io.moked.error.ValidationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 4180 CSV through Apache Commons CSV: quoted fields with commas, quotes and line breaks, CRLF or LF, blank lines
 * skipped. The first record is the header. The delimiter is read from the header line (comma, or semicolon / tab
 * when those are what separates the header). Line numbers count physical lines, so a record after a quoted
 * multi-line field is reported at the line a text editor shows.
 */
final class CsvRecordSource implements RecordSource {
    /** Longest record accepted (characters); beyond it the file is reported malformed (an unclosed quote, usually). */
    static final int MAX_RECORD_CHARS = 1_000_000;
    private static final int SNIFF_CHARS = 64 * 1024;
    private static final Pattern LEADING_BREAKS = Pattern.compile("^[\\r\\n]+");
    private static final Pattern TRAILING_BREAKS = Pattern.compile("[\\r\\n]+$");

    private final RecordingReader text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private CSVRecord current;
    private long currentLine;

    CsvRecordSource(Reader reader) throws IOException {
        BufferedReader buffered = new BufferedReader(reader, SNIFF_CHARS);
        char delimiter = sniffDelimiter(buffered);
        text = new RecordingReader(buffered, MAX_RECORD_CHARS);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        parser = format.parse(text);
        records = parser.iterator();
        CSVRecord head = fetch();
        if (head == null) {
            throw new ValidationException("the file is empty (a CSV import needs a header line)");
        }
        header = List.copyOf(head.toList());
        current = head;
        currentLine = 1 + lineBreaks(text.cut(0, head.getCharacterPosition()));
        next(); // the header itself is not a record
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public SourceRecord next() throws IOException {
        if (current == null) {
            return null;
        }
        CSVRecord following = fetch();
        String raw = following == null ? text.rest(current.getCharacterPosition())
                : text.cut(current.getCharacterPosition(), following.getCharacterPosition());
        // a record's position includes the blank lines the parser skipped before it
        Matcher leading = LEADING_BREAKS.matcher(raw);
        int start = leading.find() ? leading.end() : 0;
        long line = currentLine + lineBreaks(raw.substring(0, start));
        SourceRecord record = toSource(current, line, TRAILING_BREAKS.matcher(raw.substring(start)).replaceFirst(""));
        currentLine = currentLine + lineBreaks(raw);
        current = following;
        return record;
    }

    private SourceRecord toSource(CSVRecord record, long line, String original) {
        List<String> values = new ArrayList<>(Math.max(header.size(), record.size()));
        String problem = null;
        for (int i = 0; i < record.size(); i++) {
            String value = SpreadsheetCells.unescape(record.get(i));
            values.add(value);
            if (i >= header.size() && !value.isBlank() && problem == null) {
                problem = "the row has " + record.size() + " cells but the header has " + header.size()
                        + " (a comma inside a value that is not in quotes?)";
            }
        }
        while (values.size() < header.size()) {
            values.add("");
        }
        return new SourceRecord(line, header, problem == null ? values.subList(0, header.size()) : values, Map.of(),
                original, problem);
    }

    private CSVRecord fetch() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RecordingReader.RecordTooLongException) {
                throw new ValidationException("the record after line " + currentLine + " is longer than "
                        + MAX_RECORD_CHARS + " characters (a quote that is never closed?)");
            }
            throw new ValidationException("malformed CSV after line " + currentLine + ": "
                    + cause.getMessage(), e);
        }
    }

    /** CRLF, LF and lone CR each end a line. */
    static long lineBreaks(String s) {
        long breaks = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
    }

    /** Comma unless the header line (outside quotes) has more semicolons or tabs than commas. */
    private static char sniffDelimiter(BufferedReader in) throws IOException {
        in.mark(SNIFF_CHARS);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < SNIFF_CHARS; i++) {
            int c = in.read();
            if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        in.reset();
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
