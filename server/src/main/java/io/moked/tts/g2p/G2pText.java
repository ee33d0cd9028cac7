package io.moked.tts.g2p;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Text handling shared by the G2P adapters: what reaches a model, how long text is cut, tidy output. */
final class G2pText {
    /** Niqqud, cantillation and phonikud's prefix bar: removed before a model adds its own. */
    private static final Pattern MARKS = Pattern.compile("[\u0591-\u05C7|]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile(" ([.,!?])");

    private G2pText() {
    }

    static boolean isLetter(int c) {
        return c >= 'א' && c <= 'ת';
    }

    static boolean isGeresh(int c) {
        return c == '\'' || c == '\u05F3';
    }

    /**
     * Unvocalized text a model can read: marks removed, Hebrew punctuation unified (״ → ", maqaf → space), and
     * anything a Hebrew voice cannot say (digits, Latin, symbols: the speech normaliser spells out what matters
     * before this) replaced by a space. Kept: Hebrew letters, spacing, {@code .,!?}, geresh and gershayim.
     */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        String unmarked = MARKS.matcher(text).replaceAll("")
                .replace('\u05F4', '"').replace('\u05F3', '\'').replace('\u05BE', ' ');
        StringBuilder out = new StringBuilder(unmarked.length());
        for (int i = 0; i < unmarked.length(); i++) {
            char c = unmarked.charAt(i);
            boolean keep = isLetter(c) || ".,!?'\"".indexOf(c) >= 0 || Character.isWhitespace(c);
            out.append(keep ? c : ' ');
        }
        return out.toString();
    }

    /** Pieces of at most {@code max} chars, cut after a sentence end or newline, else at a space. */
    static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (text.length() - start > max) {
            int cut = -1;
            for (int i = start + max; i > start; i--) {
                char c = text.charAt(i - 1);
                if (c == '.' || c == '\n') {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) {
                cut = text.lastIndexOf(' ', start + max);
                cut = cut <= start ? start + max : cut + 1;
            }
            out.add(text.substring(start, cut));
            start = cut;
        }
        out.add(text.substring(start));
        return out;
    }

    /** One space between words, none before punctuation, trimmed. */
    static String tidy(String ipa) {
        String out = SPACES.matcher(ipa).replaceAll(" ").strip();
        return SPACE_BEFORE_PUNCT.matcher(out).replaceAll("$1");
    }
}
