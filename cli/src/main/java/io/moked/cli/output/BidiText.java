package io.moked.cli.output;

import java.text.Bidi;
import java.text.BreakIterator;

/**
 * Text helpers for terminals: visual reordering of right-to-left text with {@link java.text.Bidi}, and display
 * width (what a cell occupies on screen, which is not {@code String.length()} for Hebrew with niqqud).
 */
public final class BidiText {
    private BidiText() {
    }

    /** True when the text contains characters that need the bidi algorithm (Hebrew, Arabic, bidi controls). */
    public static boolean needsBidi(String text) {
        char[] chars = text.toCharArray();
        return Bidi.requiresBidi(chars, 0, chars.length);
    }

    /**
     * Reorders each line from logical to visual (left-to-right display) order. The paragraph direction of a line
     * follows its first strong character, as a bidi-capable terminal would decide. Brackets inside right-to-left
     * runs are mirrored, and combining marks (niqqud) stay attached to their letters.
     */
    public static String toVisual(String text) {
        if (text == null || !needsBidi(text)) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                result.append('\n');
            }
            result.append(lineToVisual(lines[i]));
        }
        return result.toString();
    }

    private static String lineToVisual(String line) {
        if (!needsBidi(line)) {
            return line;
        }
        Bidi bidi = new Bidi(line, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        if (bidi.isLeftToRight()) {
            return line;
        }
        int runCount = bidi.getRunCount();
        byte[] levels = new byte[runCount];
        String[] runs = new String[runCount];
        for (int i = 0; i < runCount; i++) {
            String run = line.substring(bidi.getRunStart(i), bidi.getRunLimit(i));
            int level = bidi.getRunLevel(i);
            levels[i] = (byte) level;
            runs[i] = (level & 1) == 1 ? reverseMirrored(run) : run;
        }
        Bidi.reorderVisually(levels, 0, runs, 0, runCount);
        return String.join("", runs);
    }

    /** Reverses grapheme clusters (so a letter keeps its niqqud) and mirrors paired punctuation. */
    private static String reverseMirrored(String run) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(run);
        StringBuilder reversed = new StringBuilder(run.length());
        int end = clusters.last();
        for (int start = clusters.previous(); start != BreakIterator.DONE; end = start, start = clusters.previous()) {
            String cluster = run.substring(start, end);
            reversed.append(cluster.length() == 1 ? String.valueOf(mirror(cluster.charAt(0))) : cluster);
        }
        return reversed.toString();
    }

    private static char mirror(char c) {
        switch (c) {
            case '(': return ')';
            case ')': return '(';
            case '[': return ']';
            case ']': return '[';
            case '{': return '}';
            case '}': return '{';
            case '<': return '>';
            case '>': return '<';
            case '\u00AB': return '\u00BB';
            case '\u00BB': return '\u00AB';
            default: return c;
        }
    }

    /** Columns the text occupies in a monospace terminal: marks and format characters take none, CJK takes two. */
    public static int displayWidth(String text) {
        if (text == null) {
            return 0;
        }
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                    || type == Character.CONTROL) {
                continue;
            }
            width += isWide(cp) ? 2 : 1;
        }
        return width;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
