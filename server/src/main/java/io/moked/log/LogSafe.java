package io.moked.log;

/**
 * Makes text from outside (Twilio parameters, caller IDs, file contents, names typed by an admin) safe for one log
 * line or one terminal line: control characters (CR, LF, ESC, the other C0/C1 controls, DEL), Unicode line and
 * paragraph separators and bidi controls (U+202E and friends) are written as visible escapes, and the text is cut at a
 * length. Every log line already goes through this (logback's {@code %safe(...)}, see {@link SafeConverter}); call
 * {@link #value} where one value must be kept short inside an otherwise long line.
 */
public final class LogSafe {
    /** Default cap of one value logged explicitly through {@link #value(Object)}, in characters. */
    public static final int VALUE_MAX_CHARS = 200;

    private LogSafe() {
    }

    /** {@code value} escaped and cut at {@link #VALUE_MAX_CHARS}; "null" for null. */
    public static String value(Object value) {
        return escape(String.valueOf(value), VALUE_MAX_CHARS);
    }

    /**
     * {@code text} with every unsafe character escaped ({@code \n}, {@code \r}, {@code \t}, {@code \e}, otherwise
     * {@code \}{@code uXXXX}) and, past {@code maxChars} characters of the escaped result, cut with a note of how much
     * of the original was left off. {@code maxChars <= 0} means no cap.
     */
    public static String escape(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        int limit = maxChars <= 0 ? Integer.MAX_VALUE : maxChars;
        if (isClean(text) && text.length() <= limit) {
            return text;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 32);
        int i = 0;
        while (i < text.length() && out.length() < limit) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out.length() + 2 > limit) {
                    break; // never split a pair: half a character is itself unprintable
                }
                out.append(c).append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (unsafe(c)) {
                String escaped = escapeOf(c);
                if (out.length() + escaped.length() > limit) {
                    break;
                }
                out.append(escaped);
            } else {
                out.append(c);
            }
            i++;
        }
        if (i < text.length()) {
            out.append("…[+").append(text.length() - i).append(" chars]");
        }
        return out.toString();
    }

    /** True when {@code c} must not reach a log line or terminal as is. */
    public static boolean unsafe(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)
                || c == 0x061C                          // Arabic letter mark (bidi)
                || c == 0x200E || c == 0x200F           // LRM, RLM
                || (c >= 0x202A && c <= 0x202E)         // LRE RLE PDF LRO RLO
                || (c >= 0x2066 && c <= 0x2069)         // LRI RLI FSI PDI
                || c == 0x2028 || c == 0x2029           // line / paragraph separator
                || (Character.isSurrogate(c));          // a lone surrogate (pairs are handled by the caller)
    }

    /** True when {@code text} has no character {@link #unsafe(char)} would escape (surrogate pairs allowed). */
    public static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (unsafe(c)) {
                return false;
            }
        }
        return true;
    }

    private static String escapeOf(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x1B -> "\\e";
            default -> String.format("\\u%04X", (int) c);
        };
    }
}
