package io.moked.crm.lead.files;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes characters through to the CSV parser and keeps those not yet claimed, so each record's original text can
 * be cut out by its start position (the parser reports where records start). Holds at most one record plus the
 * parser's read-ahead; a record longer than {@code maxChars} (typically an unclosed quote swallowing the rest of the
 * file) is an error instead of unbounded memory.
 */
final class RecordingReader extends Reader {
    private final Reader in;
    private final int maxChars;
    private final StringBuilder kept = new StringBuilder();
    private long keptStart;

    RecordingReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            kept.append(buffer, offset, n);
            if (kept.length() > maxChars) {
                throw new RecordTooLongException(keptStart);
            }
        }
        return n;
    }

    /** The text between two absolute positions; everything before {@code to} is then forgotten. */
    String cut(long from, long to) {
        String text = kept.substring((int) (from - keptStart), (int) (to - keptStart));
        kept.delete(0, (int) (to - keptStart));
        keptStart = to;
        return text;
    }

    /** Everything read from {@code from} on (the last record, once the parser reached the end). */
    String rest(long from) {
        String text = kept.substring((int) (from - keptStart));
        kept.setLength(0);
        keptStart = from + text.length();
        return text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Thrown from inside the parser; carries where the runaway record started. */
    static final class RecordTooLongException extends IOException {
        final long startPosition;

        RecordTooLongException(long startPosition) {
            super("record too long");
            this.startPosition = startPosition;
        }
    }
}
