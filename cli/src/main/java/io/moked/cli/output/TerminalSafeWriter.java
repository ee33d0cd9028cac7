package io.moked.cli.output;

import io.moked.log.LogSafe;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Everything agentctl prints passes through this writer, so a stored value (a tenant or lead name, a note, a prompt)
 * can never drive the terminal: ESC, CR, the other C0/C1 controls, DEL, U+2028/2029 and the bidi controls (U+202E...)
 * are written as visible escapes ({@link LogSafe}), while line breaks and tabs of the output itself stay. The escapes
 * other than {@code \e} are also valid JSON string escapes, and JSON output never carries a raw ESC (Jackson escapes
 * it), so {@code -o json} stays valid JSON with the same meaning.
 */
final class TerminalSafeWriter extends FilterWriter {
    private TerminalSafeWriter(Writer out) {
        super(out);
    }

    /** {@code out} wrapped (once: an already wrapped writer is returned as it is). */
    static PrintWriter wrap(PrintWriter out) {
        if (out instanceof Safe) {
            return out;
        }
        return new Safe(new TerminalSafeWriter(out));
    }

    /** Marks a wrapped writer; flushes through on println like the writers agentctl is given. */
    private static final class Safe extends PrintWriter {
        Safe(Writer out) {
            super(out, true);
        }
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (ch != '\n' && ch != '\t' && LogSafe.unsafe(ch) && !Character.isSurrogate(ch)) {
            out.write(LogSafe.escape(String.valueOf(ch), 0));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        String part = s.substring(off, off + len);
        if (LogSafe.isClean(part)) {
            out.write(part);
            return;
        }
        StringBuilder safe = new StringBuilder(len + 16);
        for (String line : part.split("(?<=[\n\t])", -1)) {
            String body = line.endsWith("\n") || line.endsWith("\t") ? line.substring(0, line.length() - 1) : line;
            safe.append(LogSafe.escape(body, 0));
            if (body.length() < line.length()) {
                safe.append(line.charAt(line.length() - 1));
            }
        }
        out.write(safe.toString());
    }
}
