package io.moked.cli.output;

import java.text.Bidi;

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
     * Reorders each line from logical to visual (left-to-right display) order, without wrapping or padding. Each
     * line is its own paragraph whose direction follows its first strong character (left to right when it has
     * none), as a bidi-capable terminal would decide. Brackets inside right-to-left runs are mirrored, and
     * combining marks (niqqud) stay attached to their letters. Views lay values out with {@link BidiLayout}.
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
        if (line.isEmpty() || !needsBidi(line)) {
            return line;
        }
        Direction direction = BidiLayout.baseDirection(line, Direction.LTR);
        Bidi bidi = new Bidi(line, direction == Direction.RTL ? Bidi.DIRECTION_RIGHT_TO_LEFT
                : Bidi.DIRECTION_LEFT_TO_RIGHT);
        return BidiLayout.visual(line, bidi);
    }

    /**
     * Columns the text occupies in a monospace terminal (as wcwidth does): combining marks (niqqud), format
     * characters and conjoining Hangul vowels take none, East Asian wide characters and emoji take two.
     */
    public static int displayWidth(String text) {
        if (text == null) {
            return 0;
        }
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            width += codePointWidth(cp);
        }
        return width;
    }

    /** Columns of one code point: 0, 1 or 2. */
    public static int codePointWidth(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || type == Character.CONTROL || (cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF)) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    /** East Asian Width W/F blocks and emoji shown in emoji presentation (Unicode 15), as sorted ranges. */
    private static final int[] WIDE = {
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
        0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
        0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
        0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
        0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
        0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x2E80, 0x303E,
        0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xA4CF, 0xA960, 0xA97F, 0xAC00, 0xD7A3,
        0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F, 0xFF00, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x16FE4,
        0x17000, 0x18CFF, 0x1B000, 0x1B2FF, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E,
        0x1F191, 0x1F19A, 0x1F200, 0x1F251, 0x1F300, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F7E0, 0x1F7F0,
        0x1F90C, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
    };

    private static boolean isWide(int cp) {
        if (cp < WIDE[0]) {
            return false;
        }
        int low = 0;
        int high = WIDE.length / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (cp < WIDE[2 * mid]) {
                high = mid - 1;
            } else if (cp > WIDE[2 * mid + 1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
