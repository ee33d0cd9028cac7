package io.moked.crm.lead.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text with their numbers, each cut at {@code maxChars} (the rest of an overlong line is skipped), so a
 * file without line breaks cannot fill memory.
 */
final class LineReader {
    private final BufferedReader in;
    private final int maxChars;
    private long lineNumber;

    LineReader(Reader in, int maxChars) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.maxChars = maxChars;
    }

    /** The next line without its terminator (CRLF, LF or CR), null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        lineNumber++;
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() < maxChars) {
                line.append((char) c);
            }
            c = in.read();
        }
        if (c == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
                in.reset();
            }
        }
        return line.toString();
    }

    /** The number of the line {@link #next} returned last (1-based). */
    long lineNumber() {
        return lineNumber;
    }
}
