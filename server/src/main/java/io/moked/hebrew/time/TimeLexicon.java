package io.moked.hebrew.time;

import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The words of time expressions, without prefixes. Numbers are listed in both genders and the spellings callers'
 * transcripts use (שתיים/שתים, צהריים/צהרים); abbreviations without their gershayim (אחהצ, לפנהצ, ג for יום ג').
 */
final class TimeLexicon {
    /** 1–10 as counted, both genders ("שני" is only Monday: "שתיים"/"שתי" say two). */
    static final Map<String, Integer> UNITS = new HashMap<>();
    static final Map<String, Integer> TENS = Map.of("עשרים", 20, "שלושים", 30, "ארבעים", 40, "חמישים", 50);
    /** the second word of 11–19: "אחת עשרה", "חמישה עשר" */
    static final Set<String> TEEN_TENS = Set.of("עשר", "עשרה");
    static final Map<String, DayOfWeek> WEEKDAYS = new HashMap<>();
    static final Map<String, Integer> MONTHS = new HashMap<>();
    static final Set<String> TODAY = Set.of("היום", "עכשיו");
    static final Set<String> TOMORROW = Set.of("מחר");
    static final Set<String> AFTER_TOMORROW = Set.of("מחרתיים", "מחרתים");
    static final Set<String> NEXT = Set.of("הבא", "הבאה", "הקרוב", "הקרובה");
    static final Set<String> THIS = Set.of("הזה", "הזאת", "הזו");
    static final Set<String> DAY = Set.of("יום");
    static final Set<String> WEEK = Set.of("שבוע");
    static final Set<String> MONTH = Set.of("חודש");
    static final Set<String> IN = Set.of("עוד");
    static final Set<String> BETWEEN = Set.of("בין");
    static final Set<String> UNTIL = Set.of("עד");
    static final Set<String> QUARTER = Set.of("רבע");
    static final Set<String> HALF = Set.of("חצי");
    static final Set<String> MINUTE_WORDS = Set.of("דקה", "דקות");
    static final Set<String> HOUR_WORDS = Set.of("שעה", "שעות");
    static final Set<String> MIDNIGHT = Set.of("חצות");
    static final Set<String> NOW = Set.of("עכשיו");
    /** "שלוש בשעה", "בסביבות עשר", "בערך": words that do not change the meaning */
    static final Set<String> FILLERS = Set.of("סביבות", "ערך", "בערך", "בסביבות", "נגיד", "משהו", "כמו");
    /** durations of "בעוד ...": unit word to (amount, unit) */
    static final Map<String, int[]> DURATIONS = new HashMap<>();
    static final int MINUTES = 0;
    static final int HOURS = 1;
    static final int DAYS = 2;
    static final int WEEKS = 3;
    static final int MONTHS_UNIT = 4;
    /** plural unit words after a number: "בעוד שלושה ימים" */
    static final Map<String, Integer> PLURAL_UNITS = Map.of("דקות", MINUTES, "שעות", HOURS, "ימים", DAYS,
            "שבועות", WEEKS, "חודשים", MONTHS_UNIT);
    /** parts of the day, one or two words */
    static final Map<String, DayPart> PARTS = new HashMap<>();
    /** first words of two-word parts of the day: אחרי/אחר הצהריים, לפני הצהריים, לפנות ערב */
    static final Set<String> PART_FIRST_WORDS = Set.of("אחרי", "אחר", "לפני", "לפנות");

    private static final Set<String> ALL = new HashSet<>();

    static {
        unit(1, "אחת", "אחד");
        unit(2, "שתיים", "שתים", "שניים", "שנים", "שתי");
        unit(3, "שלוש", "שלושה");
        unit(4, "ארבע", "ארבעה");
        unit(5, "חמש", "חמישה");
        unit(6, "שש", "שישה");
        unit(7, "שבע", "שבעה");
        unit(8, "שמונה");
        unit(9, "תשע", "תשעה");
        unit(10, "עשר", "עשרה");
        weekday(DayOfWeek.SUNDAY, "ראשון", "א");
        weekday(DayOfWeek.MONDAY, "שני", "ב");
        weekday(DayOfWeek.TUESDAY, "שלישי", "ג");
        weekday(DayOfWeek.WEDNESDAY, "רביעי", "ד");
        weekday(DayOfWeek.THURSDAY, "חמישי", "ה");
        weekday(DayOfWeek.FRIDAY, "שישי", "ו");
        weekday(DayOfWeek.SATURDAY, "שבת");
        month(1, "ינואר");
        month(2, "פברואר");
        month(3, "מרץ", "מרס");
        month(4, "אפריל");
        month(5, "מאי");
        month(6, "יוני");
        month(7, "יולי");
        month(8, "אוגוסט");
        month(9, "ספטמבר");
        month(10, "אוקטובר");
        month(11, "נובמבר");
        month(12, "דצמבר");
        duration("דקה", 1, MINUTES);
        duration("שעה", 1, HOURS);
        duration("שעתיים", 2, HOURS);
        duration("יום", 1, DAYS);
        duration("יומיים", 2, DAYS);
        duration("שבוע", 1, WEEKS);
        duration("שבועיים", 2, WEEKS);
        duration("חודש", 1, MONTHS_UNIT);
        duration("חודשיים", 2, MONTHS_UNIT);
        PARTS.put("בוקר", DayPart.MORNING);
        PARTS.put("צהריים", DayPart.NOON);
        PARTS.put("צהרים", DayPart.NOON);
        PARTS.put("ערב", DayPart.EVENING);
        PARTS.put("לילה", DayPart.NIGHT);
        // two-word parts are matched by the parser: אחרי/אחר הצהריים, לפני הצהריים, לפנות ערב, and the
        // abbreviations אחה"צ / לפנה"צ (their second half "צ" after the gershayim are dropped)
        PARTS.put("אחהצ", DayPart.AFTERNOON);
        PARTS.put("לפנהצ", DayPart.MORNING);
        ALL.addAll(UNITS.keySet());
        ALL.addAll(TENS.keySet());
        ALL.addAll(TEEN_TENS);
        ALL.addAll(WEEKDAYS.keySet());
        ALL.addAll(MONTHS.keySet());
        ALL.addAll(DURATIONS.keySet());
        ALL.addAll(PLURAL_UNITS.keySet());
        ALL.addAll(PARTS.keySet());
        ALL.addAll(PART_FIRST_WORDS);
        for (Set<String> s : java.util.List.of(TODAY, TOMORROW, AFTER_TOMORROW, NEXT, THIS, DAY, WEEK, MONTH, IN,
                BETWEEN, UNTIL, QUARTER, HALF, MINUTE_WORDS, HOUR_WORDS, MIDNIGHT, NOW, FILLERS)) {
            ALL.addAll(s);
        }
    }

    private TimeLexicon() {
    }

    static boolean knows(String word) {
        return ALL.contains(word);
    }

    private static void unit(int value, String... words) {
        for (String w : words) {
            UNITS.put(w, value);
        }
    }

    private static void weekday(DayOfWeek day, String... words) {
        for (String w : words) {
            WEEKDAYS.put(w, day);
        }
    }

    private static void month(int month, String... words) {
        for (String w : words) {
            MONTHS.put(w, month);
        }
    }

    private static void duration(String word, int amount, int unit) {
        DURATIONS.put(word, new int[] {amount, unit});
    }
}
