package io.moked.hebrew;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clock times as they are said on the phone: 12-hour with the part of the day, quarters and halves in words.
 * "15:30" → "שלוש וחצי אחר הצהריים", "10:45" → "רבע לאחת עשרה בבוקר", "09:00-17:00" → "תשע בבוקר עד חמש
 * אחר הצהריים". Parts of the day: 05–11 בבוקר, 12 בצהריים, 13–17 אחר הצהריים, 18–21 בערב, 22–04 בלילה;
 * a time said as "X to the hour" takes the part of the day of that hour (17:45 → רבע לשש בערב).
 */
final class TimeRule implements SpeechRule {
    private static final String TIME = "([01]?\\d|2[0-4]):([0-5]\\d)";
    private static final Pattern PATTERN = Pattern.compile("(?<![\\p{L}\\p{M}\\d:.])" + HebrewText.PREFIX + TIME
            + "(?:\\s?[-\u2013]\\s?" + TIME + ")?(?![\\d:])");
    private static final int MINUTES_PER_HOUR = 60;

    @Override
    public String apply(String text) {
        Matcher m = PATTERN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int hour = Integer.parseInt(m.group(2));
            int minute = Integer.parseInt(m.group(3));
            if (hour == 24 && minute != 0) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String spoken = speak(hour, minute);
            if (m.group(4) != null) {
                int hour2 = Integer.parseInt(m.group(4));
                int minute2 = Integer.parseInt(m.group(5));
                if (hour2 < 24 || minute2 == 0) {
                    spoken += " עד " + speak(hour2, minute2);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    HebrewText.withPrefix(HebrewText.prefixLetters(m.group("prefix")), spoken)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String speak(int hour, int minute) {
        if ((hour == 0 || hour == 24) && minute == 0) {
            return "חצות";
        }
        int nextHour = (hour + 1) % 24;
        switch (minute) {
            case 0:
                return hourWord(hour) + " " + partOfDay(hour);
            case 15:
                return hourWord(hour) + " ורבע " + partOfDay(hour);
            case 30:
                return hourWord(hour) + " וחצי " + partOfDay(hour);
            case 45:
                return "רבע ל" + hourWord(nextHour) + " " + partOfDay(nextHour);
            case 40:
            case 50:
            case 55:
                return HebrewNumberWords.cardinal(MINUTES_PER_HOUR - minute, Gender.FEMININE) + " ל"
                        + hourWord(nextHour) + " " + partOfDay(nextHour);
            case 1:
                return hourWord(hour) + " ודקה " + partOfDay(hour);
            default:
                return hourWord(hour) + " ו" + HebrewNumberWords.beforeNoun(minute, Gender.FEMININE) + " דקות "
                        + partOfDay(hour);
        }
    }

    /** The hour on a 12-hour clock, feminine (שעה is feminine): אחת … שתים עשרה. */
    private static String hourWord(int hour24) {
        int h = hour24 % 12 == 0 ? 12 : hour24 % 12;
        return HebrewNumberWords.cardinal(h, Gender.FEMININE);
    }

    static String partOfDay(int hour24) {
        if (hour24 >= 5 && hour24 < 12) {
            return "בבוקר";
        }
        if (hour24 == 12) {
            return "בצהריים";
        }
        if (hour24 >= 13 && hour24 < 18) {
            return "אחר הצהריים";
        }
        if (hour24 >= 18 && hour24 < 22) {
            return "בערב";
        }
        return "בלילה";
    }
}
