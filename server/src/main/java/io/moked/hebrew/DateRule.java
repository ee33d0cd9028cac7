package io.moked.hebrew;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Day/month dates (Israeli order): "21/11" → "עשרים ואחד בנובמבר", "3.1.2026" → "שלושה בינואר אלפיים עשרים
 * ושש", "1 בינואר" → "אחד בינואר". The day is a masculine cardinal (יום), the year a feminine one (שנה). With dots
 * and no year ("21.11") only where the context makes it a date (see {@link #dayDotMonth}), so decimals such as 3.5
 * stay numbers; "3/4 חדרים" (followed by a counted noun) is not a date either.
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
    /** "21.11" without a year: a date only where the context says so (see {@link #dayMonthIsDate}). */
    private static final Pattern DAY_DOT_MONTH = Pattern.compile("(?<![\\p{L}\\p{M}\\d/.])" + HebrewText.PREFIX
            + "(?<day>\\d{1,2})\\.(?<month>\\d{1,2})(?![\\d.]|\\s?[%₪$€])");
    private static final Pattern DATE_WORD_BEFORE = Pattern.compile(
            "(?:^|[\\s(])(?:עד|מ|מה|ב|בה|עד ה|מיום|ביום|יום|תאריך|בתאריך|מתאריך|עד תאריך|ל|לתאריך|ראשון|שני|שלישי|רביעי|חמישי|שישי|שבת)\\s?$");
    private static final Pattern TIME_AFTER = Pattern.compile("^,?\\s(?:ב-?|בשעה\\s?)?\\d{1,2}:\\d{2}|^,?\\s(?:בשעה|בבוקר|בערב|בצהריים)");
    private static final int CENTURY = 2000;
    private static final int MAX_DAY = 31;
    private static final int MAX_MONTH = 12;

    private final NounLexicon lexicon;

    DateRule(NounLexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public String apply(String text) {
        return daysBeforeMonthNames(dayDotMonth(numericDates(text)));
    }

    /**
     * "ב-21.11", "עד 5.12", "ביום ג' 21.11", "21.11 בשעה 10:00": a day.month without a year is a date when a
     * prefix ב/ל/מ, a date word before it (עד, יום, תאריך...) or a time after it says so, and it is not followed by
     * a counted noun or a % / currency sign ("ב-2.5 מיליון", "ב-1.5%" stay numbers).
     */
    private String dayDotMonth(String text) {
        Matcher m = DAY_DOT_MONTH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int day = Integer.parseInt(m.group("day"));
            int month = Integer.parseInt(m.group("month"));
            String prefix = HebrewText.prefixLetters(m.group("prefix"));
            boolean valid = day >= 1 && day <= MAX_DAY && month >= 1 && month <= MAX_MONTH;
            if (!valid || !dayMonthIsDate(text, m.start(), m.end(), prefix)
                    || HebrewText.nounAfter(text, m.end(), lexicon).isPresent()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String spoken = HebrewNumberWords.cardinal(day, Gender.MASCULINE) + " ב" + MONTHS[month];
            m.appendReplacement(out, Matcher.quoteReplacement(HebrewText.withPrefix(prefix, spoken)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean dayMonthIsDate(String text, int start, int end, String prefix) {
        if (prefix.contains("ב") || prefix.contains("ל") || prefix.contains("מ")) {
            return true;
        }
        String before = text.substring(Math.max(0, start - 12), start);
        if (DATE_WORD_BEFORE.matcher(before).find() || before.matches("(?s).*[\\p{L}]['\u05F3]\\s?$")) {
            return true; // "ביום ג' 21.11": a weekday letter before it
        }
        return TIME_AFTER.matcher(text.substring(end)).find();
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
