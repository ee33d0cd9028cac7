package io.moked.hebrew;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts amounts with a currency sign or code into spoken order, "number noun", for {@link NumberRule} to read:
 * "₪2,450,000" → "2,450,000 שקלים", "3.50 ₪" → "3 שקלים ו-50 אגורות", "₪2.5 מיליון" → "2.5 מיליון שקלים",
 * "15%" → "15 אחוזים". ש"ח has already become שקלים (abbreviations run first).
 */
final class CurrencyRule implements SpeechRule {
    private static final String SCALE = "(?:[ \u00A0](?<scale>אלף|מיליון|מיליארד)(?![\\p{L}\\p{M}]))?";
    private static final String NUM = HebrewText.NUMBER;
    private static final Pattern SIGN_FIRST = Pattern.compile("(?<![\\p{L}\\p{M}\\d])" + HebrewText.PREFIX
            + "(?<cur>₪|\\$|€|NIS|ILS)[ \u00A0]?" + NUM + "(?![\\d])" + SCALE);
    private static final Pattern SIGN_AFTER = Pattern.compile("(?<![\\p{L}\\p{M}\\d.,])" + HebrewText.PREFIX + NUM
            + SCALE + "[ \u00A0]?(?<cur>₪|\\$|€|%|NIS|ILS|שקלים|שקל|דולרים|דולר|יורו)(?![\\p{L}\\p{M}])");

    @Override
    public String apply(String text) {
        return replace(SIGN_AFTER, replace(SIGN_FIRST, text));
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(spoken(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String spoken(Matcher m) {
        String prefix = m.group("prefix") == null ? "" : m.group("prefix");
        String cur = m.group("cur");
        String unit;
        String cents;
        switch (cur) {
            case "₪": case "NIS": case "ILS": case "שקלים": case "שקל":
                unit = "שקלים";
                cents = "אגורות";
                break;
            case "$": case "דולרים": case "דולר":
                unit = "דולרים";
                cents = "סנטים";
                break;
            case "€": case "יורו":
                unit = "יורו";
                cents = "סנטים";
                break;
            default: // %
                return prefix + m.group("int") + (m.group("frac") == null ? "" : "." + m.group("frac"))
                        + " אחוזים";
        }
        String integer = m.group("int");
        String frac = m.group("frac");
        String scale = m.group("scale");
        if (scale != null) {
            return prefix + integer + (frac == null ? "" : "." + frac) + " " + scale + " " + unit;
        }
        if (frac == null || frac.length() > 2) {
            return prefix + integer + (frac == null ? "" : "." + frac) + " " + unit;
        }
        int hundredths = Integer.parseInt(frac.length() == 1 ? frac + "0" : frac);
        if (hundredths == 0) {
            return prefix + integer + " " + unit;
        }
        if (HebrewText.parseInt(integer) == 0) {
            return prefix + hundredths + " " + cents;
        }
        return prefix + integer + " " + unit + " ו-" + hundredths + " " + cents;
    }
}
