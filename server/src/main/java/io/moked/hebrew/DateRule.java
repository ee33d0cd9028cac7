package io.moked.hebrew;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Day/month dates (Israeli order): "21/11" → "עשרים ואחד בנובמבר", "3.1.2026" → "שלושה בינואר אלפיים עשרים
 * ושש", "1 בינואר" → "אחד בינואר". The day is a masculine cardinal (יום), the year a feminine one (שנה). With dots a year is required, so
 * decimals such as 3.5 are never read as dates; "3/4 חדרים" (followed by a counted noun) is not a date either.
 */
final class DateRule implements SpeechRule {
    private static final String[] MONTHS = {"", "ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי",
        "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"};
    private static final Pattern PATTERN = Pattern.compile("(?<![\\p{L}\\p{M}\\d/.])" + HebrewText.PREFIX
            + "(?<day>\\d{1,2})(?:/(?<month>\\d{1,2})(?:/(?<year>\\d{4}|\\d{2}))?"
            + "|\\.(?<dmonth>\\d{1,2})\\.(?<dyear>\\d{4}|\\d{2}))(?![\\d]|[/.]\\d)");
    /** "1 בינואר": a day number before a month name is a masculine cardinal too */
    private static final Pattern DAY_BEFORE_MONTH = Pattern.compile("(?<![\\p{L}\\p{M}\\d/.])" + HebrewText.PREFIX
            + "(?<day>\\d{1,2})(?=[ \u00A0][בל]?(?:ינואר|פברואר|מרץ|מרס|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר"
            + "|נובמבר|דצמבר)(?![\\p{L}\\p{M}]))");
    private static final int CENTURY = 2000;
    private static final int MAX_DAY = 31;
    private static final int MAX_MONTH = 12;

    private final NounLexicon lexicon;

    DateRule(NounLexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public String apply(String text) {
        return daysBeforeMonthNames(numericDates(text));
    }

    private static String daysBeforeMonthNames(String text) {
        Matcher m = DAY_BEFORE_MONTH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int day = Integer.parseInt(m.group("day"));
            String spoken = day >= 1 && day <= MAX_DAY
                    ? HebrewText.withPrefix(HebrewText.prefixLetters(m.group("prefix")),
                            HebrewNumberWords.cardinal(day, Gender.MASCULINE))
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(spoken));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String numericDates(String text) {
        Matcher m = PATTERN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int day = Integer.parseInt(m.group("day"));
            String monthText = m.group("month") != null ? m.group("month") : m.group("dmonth");
            String yearText = m.group("year") != null ? m.group("year") : m.group("dyear");
            int month = Integer.parseInt(monthText);
            boolean valid = day >= 1 && day <= MAX_DAY && month >= 1 && month <= MAX_MONTH;
            if (!valid || HebrewText.nounAfter(text, m.end(), lexicon).isPresent()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            StringBuilder spoken = new StringBuilder()
                    .append(HebrewNumberWords.cardinal(day, Gender.MASCULINE))
                    .append(" ב").append(MONTHS[month]);
            if (yearText != null) {
                int year = Integer.parseInt(yearText);
                if (yearText.length() == 2) {
                    year += CENTURY;
                }
                spoken.append(' ').append(HebrewNumberWords.cardinal(year, Gender.FEMININE));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    HebrewText.withPrefix(HebrewText.prefixLetters(m.group("prefix")), spoken.toString())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
