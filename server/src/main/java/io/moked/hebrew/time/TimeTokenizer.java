package io.moked.hebrew.time;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a caller said into {@link Token}s: Hebrew points and punctuation go, dashes (including the maqaf) become
 * "-", and the one-letter prefixes ו ב ל מ ה are split off a word when the rest is a word the parser knows ("ולארבע"
 * → ו, ל + ארבע) — a known word is never split ("מחר" stays, although מ is a prefix letter). A word that is not known
 * with or without prefixes makes the whole text not understood.
 */
final class TimeTokenizer {
    private static final String PREFIX_LETTERS = "ובלמה";
    private static final int MAX_PREFIX_LETTERS = 3;
    private static final Pattern POINTS = Pattern.compile("[\\u0591-\\u05BD\\u05BF-\\u05C7]");
    private static final Pattern DASHES = Pattern.compile("[\\u05BE\\u2010-\\u2015\\u2212]");
    /** prefix letters joined to a number by a dash: "ב-15", "ול-12:30" */
    private static final Pattern PREFIX_DASH_NUMBER = Pattern.compile("(^|\\s)([" + PREFIX_LETTERS + "]{1,3})-(?=\\d)");
    /** a dash between two numbers or times is a range: "10-12", "10:00-12:00" */
    private static final Pattern RANGE_DASH = Pattern.compile("(?<=\\d)\\s*-\\s*(?=[\\p{L}\\d])");
    private static final Pattern NUMBER_CORE = Pattern.compile("\\d{1,4}(?:[:/.]\\d{1,4}){0,2}");
    private static final Pattern LETTERS_THEN_NUMBER = Pattern.compile("([\\u05D0-\\u05EA]{1,3})(\\d.*)");

    private TimeTokenizer() {
    }

    /** Empty when a word is not part of the time vocabulary. */
    static Optional<List<Token>> tokenize(String text) {
        String s = normalise(text);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        List<Token> tokens = new ArrayList<>();
        String[] words = s.split(" ");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            // "ב 15": prefix letters typed apart from their number
            if (i + 1 < words.length && word.length() <= MAX_PREFIX_LETTERS && onlyPrefixLetters(word)
                    && NUMBER_CORE.matcher(words[i + 1]).matches()) {
                tokens.add(new Token(word, words[++i]));
                continue;
            }
            Optional<Token> token = token(word);
            if (token.isEmpty()) {
                return Optional.empty();
            }
            tokens.add(token.get());
        }
        return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens);
    }

    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        s = POINTS.matcher(s).replaceAll("");
        s = DASHES.matcher(s).replaceAll("-");
        // gershayim and geresh in abbreviations (אחה"צ, יום ג') are dropped: the lexicon lists the bare letters
        s = s.replace("\u05F4", "").replace("\u05F3", "").replace("\"", "").replace("'", "").replace("`", "");
        s = s.toLowerCase(Locale.ROOT);
        // sentence punctuation; '.', ':' and '/' inside numbers stay (10:30, 15.3, 15/3)
        s = s.replaceAll("[,;!?()\\[\\]]", " ").replaceAll("(?<!\\d)\\.|\\.(?!\\d)", " ");
        s = s.replaceAll("\\s+", " ").strip();
        Matcher m = PREFIX_DASH_NUMBER.matcher(s);
        s = m.replaceAll("$1$2");
        s = RANGE_DASH.matcher(s).replaceAll(" - ");
        return s.replaceAll("\\s+", " ").strip();
    }

    private static Optional<Token> token(String word) {
        if (word.equals("-")) {
            return Optional.of(new Token("", "-"));
        }
        if (NUMBER_CORE.matcher(word).matches()) {
            return Optional.of(new Token("", word));
        }
        Matcher lettersNumber = LETTERS_THEN_NUMBER.matcher(word);
        if (lettersNumber.matches() && NUMBER_CORE.matcher(lettersNumber.group(2)).matches()
                && onlyPrefixLetters(lettersNumber.group(1))) {
            return Optional.of(new Token(lettersNumber.group(1), lettersNumber.group(2)));
        }
        if (TimeLexicon.knows(word)) {
            return Optional.of(new Token("", word));
        }
        for (int n = 1; n <= MAX_PREFIX_LETTERS && n < word.length(); n++) {
            String prefix = word.substring(0, n);
            if (!onlyPrefixLetters(prefix)) {
                break;
            }
            String rest = word.substring(n);
            if (TimeLexicon.knows(rest)) {
                return Optional.of(new Token(prefix, rest));
            }
        }
        return Optional.empty();
    }

    private static boolean onlyPrefixLetters(String s) {
        return s.chars().allMatch(c -> PREFIX_LETTERS.indexOf(c) >= 0);
    }
}
