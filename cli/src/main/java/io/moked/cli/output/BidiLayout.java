package io.moked.cli.output;

import java.text.Bidi;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a value for a terminal that does not run the Unicode bidi algorithm (UAX #9) itself: each paragraph of
 * the value (a line of its logical text) is its own paragraph with its own base direction, taken from its first
 * strong character or, when it has none, from a fallback (the tenant's locale for what people wrote). A paragraph
 * wider than its column is wrapped first, in logical order, at spaces; then each wrapped line is reordered for
 * display with the levels of the whole paragraph ({@link Bidi#createLineBidi}), as UAX #9 section 3.4 prescribes,
 * and paired punctuation in right-to-left runs is mirrored. Right-to-left paragraphs are flush right in the block.
 * <pre>
 * Block block = BidiLayout.layout("3 חדרים ב-2,450,000 ₪", 40, Direction.RTL, true);
 * block.lines();   // ["₪ 2,450,000-ב םירדח 3"]
 * </pre>
 * With {@code reorder} false (pipes, JSON, terminals that do bidi) lines keep their logical order and are flush
 * left; wrapping still applies. Widths are display widths ({@link BidiText#displayWidth}).
 */
public final class BidiLayout {
    /** A column width meaning "as wide as the text": nothing wraps. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private BidiLayout() {
    }

    /**
     * A laid-out value: its lines in display order, each padded with spaces to {@link #width()} columns (on the
     * left for a right-to-left paragraph shown in visual order, else on the right). {@code rightToLeft}: every
     * paragraph is right to left and shown in visual order, so a column should place the block flush right too.
     */
    public record Block(List<String> lines, int width, boolean rightToLeft) {
        public Block {
            lines = List.copyOf(lines);
        }

        public int height() {
            return lines.size();
        }

        /** Line {@code i}, or blank padding below the last line (for rows whose other cells are taller). */
        public String line(int i) {
            return i < lines.size() ? lines.get(i) : " ".repeat(width);
        }
    }

    /** The visual lines of {@code logical} in a column of {@code width}: {@code layout(..., true).lines()}. */
    public static List<String> visualLines(String logical, int width, Direction fallback) {
        return layout(logical, width, fallback, true).lines();
    }

    /**
     * @param logical  the text as stored (logical order); "\n" separates paragraphs; null is laid out as ""
     * @param width    the column's width in terminal columns, or {@link #UNBOUNDED}
     * @param fallback the base direction of paragraphs without a strong character
     * @param reorder  true to reorder into visual order (terminals without bidi), false to keep logical order
     */
    public static Block layout(String logical, int width, Direction fallback, boolean reorder) {
        String text = logical == null ? "" : logical;
        int limit = Math.max(1, width);
        List<String> lines = new ArrayList<>();
        List<Boolean> flushRight = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            Direction direction = baseDirection(paragraph, fallback);
            Bidi bidi = reorder && (direction == Direction.RTL || BidiText.needsBidi(paragraph))
                    ? new Bidi(paragraph, direction == Direction.RTL ? Bidi.DIRECTION_RIGHT_TO_LEFT
                            : Bidi.DIRECTION_LEFT_TO_RIGHT)
                    : null;
            for (int[] range : wrap(paragraph, limit)) {
                String line = paragraph.substring(range[0], range[1]);
                lines.add(bidi == null || line.isEmpty() ? line
                        : visual(line, bidi.createLineBidi(range[0], range[1])));
                flushRight.add(reorder && direction == Direction.RTL);
            }
        }
        int blockWidth = lines.stream().mapToInt(BidiText::displayWidth).max().orElse(0);
        List<String> padded = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String pad = " ".repeat(blockWidth - BidiText.displayWidth(line));
            padded.add(flushRight.get(i) ? pad + line : line + pad);
        }
        return new Block(padded, blockWidth, !flushRight.contains(false));
    }

    /**
     * The direction of a paragraph by its first strong character (UAX #9 rules P2–P3; text inside isolates is
     * skipped), or {@code fallback} when it has none.
     */
    public static Direction baseDirection(String paragraph, Direction fallback) {
        int isolates = 0;
        for (int i = 0; i < paragraph.length(); ) {
            int cp = paragraph.codePointAt(i);
            i += Character.charCount(cp);
            switch (Character.getDirectionality(cp)) {
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE,
                        Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE -> isolates++;
                case Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE -> isolates = Math.max(0, isolates - 1);
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT -> {
                    if (isolates == 0) {
                        return Direction.LTR;
                    }
                }
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC -> {
                    if (isolates == 0) {
                        return Direction.RTL;
                    }
                }
                default -> {
                    // neutral or weak: keep looking
                }
            }
        }
        return fallback;
    }

    /**
     * Where a paragraph breaks into lines of at most {@code width} columns: [start, end) ranges in logical order,
     * without the spaces at a break. Lines break at spaces; a word wider than the column is split between
     * characters (never inside a letter with its niqqud).
     */
    static List<int[]> wrap(String paragraph, int width) {
        List<int[]> lines = new ArrayList<>();
        int n = paragraph.length();
        if (width == UNBOUNDED || BidiText.displayWidth(paragraph) <= width) {
            lines.add(new int[] {0, trailingSpaceStart(paragraph, n)});
            return lines;
        }
        int lineStart = 0;
        int contentEnd = 0;
        int used = 0;
        int i = 0;
        while (i < n) {
            int wordStart = i;
            while (i < n && !Character.isWhitespace(paragraph.charAt(i))) {
                i++;
            }
            int wordEnd = i;
            while (i < n && Character.isWhitespace(paragraph.charAt(i))) {
                i++;
            }
            int spaceWidth = i - wordEnd;
            if (wordStart == wordEnd) {
                used += spaceWidth; // indentation at the start of the paragraph
                continue;
            }
            String word = paragraph.substring(wordStart, wordEnd);
            int wordWidth = BidiText.displayWidth(word);
            if (used + wordWidth > width && contentEnd > lineStart) {
                lines.add(new int[] {lineStart, contentEnd});
                lineStart = wordStart;
                used = 0;
            }
            if (used + wordWidth <= width) {
                used += wordWidth;
            } else {
                // wider than the column: split between grapheme clusters
                BreakIterator clusters = BreakIterator.getCharacterInstance();
                clusters.setText(word);
                for (int from = clusters.first(), to = clusters.next(); to != BreakIterator.DONE;
                        from = to, to = clusters.next()) {
                    int clusterWidth = BidiText.displayWidth(word.substring(from, to));
                    if (used > 0 && used + clusterWidth > width) {
                        lines.add(new int[] {lineStart, wordStart + from});
                        lineStart = wordStart + from;
                        used = 0;
                    }
                    used += clusterWidth;
                }
            }
            contentEnd = wordEnd;
            used += spaceWidth;
        }
        lines.add(new int[] {lineStart, Math.max(lineStart, contentEnd)});
        return lines;
    }

    private static int trailingSpaceStart(String text, int end) {
        int i = end;
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * One line in display order (UAX #9 rules L2–L4): runs of the line in visual order, right-to-left runs reversed
     * by grapheme cluster (a letter keeps its niqqud after it) with mirrored glyphs.
     */
    static String visual(String line, Bidi lineBidi) {
        if (lineBidi.isLeftToRight()) {
            return line;
        }
        int runCount = lineBidi.getRunCount();
        byte[] levels = new byte[runCount];
        String[] runs = new String[runCount];
        for (int i = 0; i < runCount; i++) {
            String run = line.substring(lineBidi.getRunStart(i), lineBidi.getRunLimit(i));
            int level = lineBidi.getRunLevel(i);
            levels[i] = (byte) level;
            runs[i] = (level & 1) == 1 ? reverseMirrored(run) : run;
        }
        Bidi.reorderVisually(levels, 0, runs, 0, runCount);
        return String.join("", runs);
    }

    private static String reverseMirrored(String run) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(run);
        StringBuilder reversed = new StringBuilder(run.length());
        int end = clusters.last();
        for (int start = clusters.previous(); start != BreakIterator.DONE; end = start, start = clusters.previous()) {
            int base = run.codePointAt(start);
            reversed.appendCodePoint(Character.isMirrored(base) ? Mirroring.mirror(base) : base)
                    .append(run, start + Character.charCount(base), end);
        }
        return reversed.toString();
    }
}
