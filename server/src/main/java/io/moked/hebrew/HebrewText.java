package io.moked.hebrew;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared pieces for the rules: prefixes, word boundaries, noun look-ups around a number. */
final class HebrewText {
    /** One-letter prefixes that attach to a following word or number (ו ב ל מ ה ש כ), up to three, e.g. "וב-". */
    static final String PREFIX = "(?<prefix>[ובלמהשכ]{1,3}[-\u05BE]?)?";
    /** An integer with optional thousands commas, and an optional decimal part. */
    static final String NUMBER = "(?<int>\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(?<frac>\\d+))?";
    private static final Pattern NEXT_WORDS = Pattern.compile("\\G[ \u00A0]?([\\p{L}\\p{M}]+)(?: ([\\p{L}\\p{M}]+))?");
    private static final Pattern PREVIOUS_WORD = Pattern.compile("([\\p{L}\\p{M}]+)[ \u00A0]$");
    private static final String PREFIX_LETTERS = "ובלמהשכ";

    private HebrewText() {
    }

    static boolean isLetter(char c) {
        return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** The prefix letters without the hyphen/maqaf, or "" when absent. */
    static String prefixLetters(String prefix) {
        if (prefix == null) {
            return "";
        }
        return prefix.replace("-", "").replace("\u05BE", "");
    }

    static long parseInt(String digitsWithCommas) {
        return Long.parseLong(digitsWithCommas.replace(",", ""));
    }

    /** A counted noun starting right after {@code from} (one optional space), longest form first. */
    record NounMatch(NounLexicon.Noun noun, int end) {
    }

    /** Like {@link #nounAfter} but an unknown plural word's gender is guessed from its form (counted numbers). */
    static Optional<NounMatch> countedNounAfter(String text, int from, NounLexicon lexicon) {
        Optional<NounMatch> known = nounAfter(text, from, lexicon);
        if (known.isPresent()) {
            return known;
        }
        Matcher m = NEXT_WORDS.matcher(text);
        m.region(from, text.length());
        if (!m.find()) {
            return Optional.empty();
        }
        return lexicon.findOrGuess(m.group(1)).map(noun -> new NounMatch(noun, m.end(1)));
    }

    static Optional<NounMatch> nounAfter(String text, int from, NounLexicon lexicon) {
        Matcher m = NEXT_WORDS.matcher(text);
        m.region(from, text.length());
        if (!m.find()) {
            return Optional.empty();
        }
        if (m.group(2) != null) {
            Optional<NounLexicon.Noun> two = lexicon.find(m.group(1) + " " + m.group(2));
            if (two.isPresent()) {
                return Optional.of(new NounMatch(two.get(), m.end(2)));
            }
        }
        return lexicon.find(m.group(1)).map(noun -> new NounMatch(noun, m.end(1)));
    }

    /** The noun right before {@code to} (one space between), allowing prefixes on it ("בקומה"). */
    static Optional<NounLexicon.Noun> nounBefore(String text, int to, NounLexicon lexicon) {
        Matcher m = PREVIOUS_WORD.matcher(text.substring(0, to));
        if (!m.find()) {
            return Optional.empty();
        }
        String word = m.group(1);
        for (int strip = 0; strip <= 2 && strip < word.length(); strip++) {
            if (strip > 0 && PREFIX_LETTERS.indexOf(word.charAt(strip - 1)) < 0) {
                break;
            }
            Optional<NounLexicon.Noun> noun = lexicon.find(word.substring(strip));
            if (noun.isPresent()) {
                return noun;
            }
        }
        return Optional.empty();
    }

    /** Attaches prefix letters to the first word of {@code words}. */
    static String withPrefix(String prefixLetters, String words) {
        return prefixLetters + words;
    }
}
