package io.moked.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tenant's escalation phrases ("נציג", "speak to a human"), matched in a transcription without the model: as
 * whole words, ignoring case and punctuation, and with a Hebrew one-letter prefix on the first word ("לנציג",
 * "ונציג"). Built once per call.
 */
public final class EscalationPhrases {
    /** Hebrew prefixes that attach to a word (and, in/at, to, from, the, that, as). */
    private static final String PREFIXES = "ובלמהשכ";
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Longest transcription looked at; phrases are short and callers say them early. */
    private static final int MAX_TEXT_CHARS = 2000;

    private final List<String[]> phrases = new ArrayList<>();

    public EscalationPhrases(List<String> phrases) {
        for (String p : phrases == null ? List.<String>of() : phrases) {
            String[] words = words(p);
            if (words.length > 0) {
                this.phrases.add(words);
            }
        }
    }

    /** The phrase found in {@code text}, or null. */
    public String match(String text) {
        if (text == null || phrases.isEmpty()) {
            return null;
        }
        String[] words = words(text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text);
        for (String[] phrase : phrases) {
            for (int i = 0; i + phrase.length <= words.length; i++) {
                if (matchesAt(words, i, phrase)) {
                    return String.join(" ", phrase);
                }
            }
        }
        return null;
    }

    private static boolean matchesAt(String[] words, int at, String[] phrase) {
        String first = words[at];
        boolean firstOk = first.equals(phrase[0]) || (first.length() == phrase[0].length() + 1
                && PREFIXES.indexOf(first.charAt(0)) >= 0 && first.endsWith(phrase[0]));
        if (!firstOk) {
            return false;
        }
        for (int k = 1; k < phrase.length; k++) {
            if (!words[at + k].equals(phrase[k])) {
                return false;
            }
        }
        return true;
    }

    private static String[] words(String text) {
        String cleaned = NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return cleaned.isEmpty() ? new String[0] : cleaned.split(" ");
    }
}
