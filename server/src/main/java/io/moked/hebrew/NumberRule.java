package io.moked.hebrew;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the numbers left after phones, times, dates and amounts, agreeing with the noun that follows:
 * <ul>
 *   <li>before a known noun: "3 חדרים" → "שלושה חדרים", "2 דירות" → "שתי דירות", 1 goes after the singular
 *       ("1 חדרים" → "חדר אחד"), halves: "3.5 חדרים" → "שלושה וחצי חדרים", "1.5 חדרים" → "חדר וחצי";</li>
 *   <li>after a noun, as a label: feminine, as Hebrew reads numbers that name things ("קומה 3" → "קומה שלוש",
 *       like "ערוץ 2" → "ערוץ שתיים"); with the definite ה an ordinal: "בקומה ה-3" → "בקומה השלישית";</li>
 *   <li>before an unknown plural, the gender its form suggests (-ים masculine, -ות feminine: "3 פרויקטים" →
 *       "שלושה פרויקטים"); otherwise the configured default gender; years 1900–2099 always feminine;</li>
 *   <li>a range takes the gender of the noun after it, however it is written: "3-4", "3 עד 4", "3 או 4",
 *       "בין 3 ל-4 חדרים" → "בין שלושה לארבעה חדרים";</li>
 *   <li>ranges "3-4 חדרים" → "שלושה עד ארבעה חדרים" ("3/4 חדרים" → "שלושה או ארבעה חדרים"), negatives "-5" → "מינוס חמש", decimals "2.75" →
 *       "שתיים נקודה שבעים וחמש"; digit strings with a leading zero or too long for words, digit by digit.</li>
 * </ul>
 */
final class NumberRule implements SpeechRule {
    private static final Pattern PATTERN = Pattern.compile("(?<![\\p{L}\\p{M}\\d.])" + HebrewText.PREFIX
            + "(?<sign>[-\u2212](?=\\d))?" + HebrewText.NUMBER + "(?![\\d])"
            + "(?:(?:\\s?(?<sep>[-\u2013/])|\\s(?<word>עד|או)\\s|\\s(?<to>ל)-?)(?<int2>\\d+)(?![\\d.,]))?");
    private static final int MAX_WORD_DIGITS = 12;
    private static final int MAX_FRACTION_WORD_DIGITS = 3;
    private static final long FIRST_YEAR = 1900;
    private static final long LAST_YEAR = 2099;

    private final NounLexicon lexicon;
    private final Gender defaultGender;

    NumberRule(NounLexicon lexicon, Gender defaultGender) {
        this.lexicon = lexicon;
        this.defaultGender = defaultGender;
    }

    @Override
    public String apply(String text) {
        Matcher m = PATTERN.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        while (m.find()) {
            if (m.start() < copied) {
                continue; // inside a noun already consumed by the previous number
            }
            out.append(text, copied, m.start());
            String prefix = HebrewText.prefixLetters(m.group("prefix"));
            String intText = m.group("int");
            String digitsOnly = intText.replace(",", "");
            if (digitsOnly.length() > MAX_WORD_DIGITS || (digitsOnly.length() > 1 && digitsOnly.startsWith("0")
                    && !intText.contains(","))) {
                out.append(prefix).append(HebrewNumberWords.digits(digitsOnly));
                copied = m.end("int");
                continue;
            }
            Optional<HebrewText.NounMatch> noun = HebrewText.countedNounAfter(text, m.end(), lexicon);
            Reading reading = new Reading(prefix, m.group("sign") != null, Long.parseLong(digitsOnly),
                    m.group("frac"), m.group("int2") == null ? null : Long.parseLong(m.group("int2")),
                    rangeWord(m));
            if (noun.isPresent()) {
                out.append(counted(reading, noun.get().noun(), text.substring(m.end(), noun.get().end()).trim()));
                copied = noun.get().end();
            } else {
                out.append(standalone(reading, text, m.start()));
                copied = m.end();
            }
        }
        out.append(text.substring(copied));
        return out.toString();
    }

    /** How the range is said: 3-4 / "3 עד 4" → עד, 3/4 / "3 או 4" → או, "בין 3 ל-4" → ל (attached). */
    private static String rangeWord(Matcher m) {
        if ("/".equals(m.group("sep")) || "או".equals(m.group("word"))) {
            return " או ";
        }
        return m.group("to") != null ? " ל" : " עד ";
    }

    /** @param rangeWord " עד " for 3-4, " או " for 3/4, " ל" for בין 3 ל-4 */
    private record Reading(String prefix, boolean negative, long value, String frac, Long rangeEnd,
                           String rangeWord) {
        boolean isHalf() {
            return frac != null && (frac.equals("5") || frac.equals("50"));
        }
    }

    /** A number counting the noun after it; returns number and noun together (1 reorders them). */
    private String counted(Reading r, NounLexicon.Noun noun, String nounText) {
        Gender g = noun.gender();
        String sign = r.negative() ? "מינוס " : "";
        String words;
        if (r.rangeEnd() != null) {
            words = HebrewNumberWords.cardinal(r.value(), g) + r.rangeWord()
                    + HebrewNumberWords.beforeNoun(r.rangeEnd(), g) + " " + nounText;
        } else if (r.isHalf()) {
            String singular = noun.singular() == null ? nounText : noun.singular();
            if (r.value() == 0) {
                words = "חצי " + singular;
            } else if (r.value() == 1) {
                words = singular + " וחצי";
            } else {
                words = HebrewNumberWords.cardinal(r.value(), g) + " וחצי " + nounText;
            }
        } else if (r.frac() != null) {
            words = HebrewNumberWords.cardinal(r.value(), g) + " נקודה " + fraction(r.frac()) + " " + nounText;
        } else if (r.value() == 1 && noun.singular() != null) {
            words = noun.singular() + " " + HebrewNumberWords.cardinal(1, g);
        } else if (r.value() == 1) {
            words = HebrewNumberWords.cardinal(1, g) + " " + nounText;
        } else {
            words = HebrewNumberWords.beforeNoun(r.value(), g) + " " + nounText;
        }
        return r.prefix() + sign + words;
    }

    private String standalone(Reading r, String text, int start) {
        Optional<NounLexicon.Noun> before = HebrewText.nounBefore(text, start, lexicon);
        String sign = r.negative() ? "מינוס " : "";
        // "בקומה ה-3": ה on a number after a noun makes an ordinal agreeing with that noun
        if (before.isPresent() && r.prefix().endsWith("ה") && r.frac() == null && r.rangeEnd() == null
                && !r.negative()) {
            Gender g = before.get().gender();
            String lead = r.prefix().substring(0, r.prefix().length() - 1);
            return lead + "ה" + HebrewNumberWords.ordinal(r.value(), g)
                    .orElseGet(() -> HebrewNumberWords.cardinal(r.value(), g));
        }
        Gender g = before.isPresent() || isYear(r) ? Gender.FEMININE : defaultGender;
        String words;
        if (r.rangeEnd() != null) {
            words = HebrewNumberWords.cardinal(r.value(), g) + r.rangeWord()
                    + HebrewNumberWords.cardinal(r.rangeEnd(), g);
        } else if (r.isHalf()) {
            words = r.value() == 0 ? "חצי" : HebrewNumberWords.cardinal(r.value(), g) + " וחצי";
        } else if (r.frac() != null) {
            words = HebrewNumberWords.cardinal(r.value(), g) + " נקודה " + fraction(r.frac());
        } else {
            words = HebrewNumberWords.cardinal(r.value(), g);
        }
        return r.prefix() + sign + words;
    }

    private static boolean isYear(Reading r) {
        return r.frac() == null && r.rangeEnd() == null && r.value() >= FIRST_YEAR && r.value() <= LAST_YEAR;
    }

    /** Digits after the point: as a number ("75" → שבעים וחמש) unless they start with 0 or are long. */
    private static String fraction(String frac) {
        if (frac.startsWith("0") || frac.length() > MAX_FRACTION_WORD_DIGITS) {
            return HebrewNumberWords.digits(frac);
        }
        return HebrewNumberWords.cardinal(Long.parseLong(frac), Gender.FEMININE);
    }
}
