package io.moked.hebrew;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weekday letters as offices write them: a range "א'-ה'" → "ראשון עד חמישי" anywhere, and a single letter "ג'" →
 * "שלישי" after a day word (יום, ימים, ימי, with prefixes: "ביום ג'") or right before opening hours ("ו' 9:00-13:00").
 * A lone letter with a geresh elsewhere is left alone: "כיתה ב'" is a grade, not Monday. Geresh ' or ׳, ranges with
 * - or –, optional spaces.
 */
final class WeekdayRule implements SpeechRule {
    private static final String[] DAYS = {"ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת"};
    private static final String LETTER = "([אבגדהוש])['\u05F3\u2019]";
    private static final Pattern RANGE = Pattern.compile("(?<![\\p{L}\\p{M}])" + HebrewText.PREFIX + LETTER
            + "\\s?[-\u2013]\\s?" + LETTER + "(?![\\p{L}\\p{M}])");
    private static final Pattern SINGLE = Pattern.compile("(?<=(?<![\\p{L}\\p{M}])[ובלמה]{0,2}(?:יום|ימים|ימי)\\s)"
            + LETTER + "(?![\\p{L}\\p{M}])|(?<![\\p{L}\\p{M}'])" + HebrewText.PREFIX + LETTER
            + "(?=,?\\s\\d{1,2}(?::\\d{2})?\\s?[-\u2013])");

    @Override
    public String apply(String text) {
        Matcher r = RANGE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (r.find()) {
            r.appendReplacement(out, Matcher.quoteReplacement(HebrewText.prefixLetters(r.group("prefix"))
                    + day(r.group(2)) + " עד " + day(r.group(3))));
        }
        r.appendTail(out);
        Matcher s = SINGLE.matcher(out.toString());
        StringBuilder done = new StringBuilder();
        while (s.find()) {
            String letter = s.group(1) != null ? s.group(1) : s.group(3);
            String prefix = s.group(1) != null ? "" : HebrewText.prefixLetters(s.group("prefix"));
            s.appendReplacement(done, Matcher.quoteReplacement(prefix + day(letter)));
        }
        s.appendTail(done);
        return done.toString();
    }

    private static String day(String letter) {
        return DAYS["אבגדהוש".indexOf(letter)];
    }
}
