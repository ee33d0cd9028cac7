package io.moked.hebrew.time;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link Token}s into a {@link Reading}: one matcher after another at each position; a position no matcher
 * takes makes the whole expression not understood (never a partial guess).
 */
final class TimeReader {
    private static final Pattern HH_MM = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern DAY_MONTH = Pattern.compile("(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2}|\\d{4}))?");
    /** minutes that are said "to the hour": רבע לשלוש, עשרה לחמש, חמש דקות לשש */
    private static final Set<Integer> MINUTES_TO = Set.of(5, 10, 15, 20, 25);
    private static final int MAX_DAY_OF_MONTH = 31;

    private final List<Token> t;
    private final LocalDate today;
    private final Reading r = new Reading();

    private TimeReader(List<Token> tokens, LocalDate today) {
        this.t = tokens;
        this.today = today;
    }

    /** @return the reading, or null when some word does not fit */
    static Reading read(List<Token> tokens, LocalDate today) {
        TimeReader reader = new TimeReader(tokens, today);
        int i = 0;
        while (i < tokens.size()) {
            int next = reader.step(i);
            if (next <= i) {
                return null;
            }
            i = next;
        }
        return reader.r;
    }

    /** The position after what was matched at {@code i}, or -1. */
    private int step(int i) {
        Token tok = t.get(i);
        if (TimeLexicon.FILLERS.contains(tok.core())) {
            return i + 1;
        }
        int n;
        if ((n = relative(i)) > 0 || (n = dayWord(i)) > 0 || (n = weekday(i)) > 0 || (n = week(i)) > 0
                || (n = dayOfMonth(i)) > 0 || (n = part(i)) > 0 || (n = clockOrRange(i)) > 0) {
            return n;
        }
        // "בשעה עשר", "בשעות הבוקר": the hour word only introduces what follows
        if (TimeLexicon.HOUR_WORDS.contains(tok.core()) && i + 1 < t.size()) {
            return i + 1;
        }
        return -1;
    }

    // --- "בעוד שעה", "בעוד שבועיים", "בעוד 3 ימים" ----------------------------------------------------------------

    private int relative(int i) {
        if (!TimeLexicon.IN.contains(t.get(i).core()) || i + 1 >= t.size()) {
            return -1;
        }
        int j = i + 1;
        Token u = t.get(j);
        int amount;
        int unit;
        if (TimeLexicon.DURATIONS.containsKey(u.core()) && u.prefix().isEmpty()) {
            int[] d = TimeLexicon.DURATIONS.get(u.core());
            amount = d[0];
            unit = d[1];
            j++;
        } else if ((TimeLexicon.HALF.contains(u.core()) || TimeLexicon.QUARTER.contains(u.core()))
                && j + 1 < t.size() && t.get(j + 1).is("שעה")) {
            amount = TimeLexicon.HALF.contains(u.core()) ? 30 : 15;
            unit = TimeLexicon.MINUTES;
            j += 2;
        } else {
            int[] num = number(j);
            if (num == null || num[1] >= t.size()) {
                return -1;
            }
            Token unitWord = t.get(num[1]);
            Integer plural = TimeLexicon.PLURAL_UNITS.get(unitWord.core());
            if (plural == null || !unitWord.prefix().isEmpty()) {
                return -1;
            }
            amount = num[0];
            unit = plural;
            j = num[1] + 1;
        }
        switch (unit) {
            case TimeLexicon.MINUTES:
                return r.setAfter(Duration.ofMinutes(amount)) ? j : -1;
            case TimeLexicon.HOURS:
                return r.setAfter(Duration.ofHours(amount)) ? j : -1;
            case TimeLexicon.DAYS:
                r.days.add(today.plusDays(amount));
                return j;
            case TimeLexicon.WEEKS:
                r.days.add(today.plusWeeks(amount));
                return j;
            default:
                r.days.add(today.plusMonths(amount));
                return j;
        }
    }

    // --- היום, מחר, מחרתיים, עכשיו ----------------------------------------------------------------------------------

    private int dayWord(int i) {
        Token tok = t.get(i);
        if (tok.has('מ')) {
            return -1; // "ממחר" (from tomorrow on) is not one time
        }
        if (TimeLexicon.NOW.contains(tok.core())) {
            r.now = true;
            return i + 1;
        }
        if (TimeLexicon.TODAY.contains(tok.core())) {
            r.days.add(today);
        } else if (TimeLexicon.TOMORROW.contains(tok.core())) {
            r.days.add(today.plusDays(1));
        } else if (TimeLexicon.AFTER_TOMORROW.contains(tok.core())) {
            r.days.add(today.plusDays(2));
        } else {
            return -1;
        }
        return i + 1;
    }

    // --- יום שלישי, בשלישי, יום ג', שלישי הבא, ביום חמישי הזה ----------------------------------------------------

    private int weekday(int i) {
        int j = i;
        boolean dayWord = TimeLexicon.DAY.contains(t.get(j).core());
        if (dayWord) {
            j++;
        }
        if (j >= t.size()) {
            return -1;
        }
        Token w = t.get(j);
        DayOfWeek day = TimeLexicon.WEEKDAYS.get(w.core());
        // one-letter names (א..ו) only after "יום"; a bare weekday may carry ב/ל/ו ("בשלישי")
        if (day == null || (w.core().length() == 1 && !dayWord) || (dayWord && !w.prefix().isEmpty())) {
            return -1;
        }
        j++;
        boolean thisWeek = false;
        if (j < t.size() && TimeLexicon.NEXT.contains(t.get(j).core())) {
            j++;
        } else if (j < t.size() && TimeLexicon.THIS.contains(t.get(j).core())) {
            thisWeek = true;
            j++;
        }
        return r.setWeekday(day, thisWeek) ? j : -1;
    }

    // --- השבוע, בשבוע הבא ------------------------------------------------------------------------------------------

    private int week(int i) {
        Token tok = t.get(i);
        if (!TimeLexicon.WEEK.contains(tok.core())) {
            return -1;
        }
        if (i + 1 < t.size() && TimeLexicon.NEXT.contains(t.get(i + 1).core())) {
            return r.setWeek(2) ? i + 2 : -1;
        }
        if (tok.has('ה')) {
            return r.setWeek(1) ? i + 1 : -1;
        }
        return -1;
    }

    // --- ב-15 לחודש, חמישה עשר בחודש הבא, 15 במרץ, 15/3, 15.3.2026 ----------------------------------------------

    private int dayOfMonth(int i) {
        Matcher dm = DAY_MONTH.matcher(t.get(i).core());
        if (dm.matches()) {
            return explicitDate(Integer.parseInt(dm.group(1)), Integer.parseInt(dm.group(2)),
                    dm.group(3) == null ? null : Integer.parseInt(dm.group(3))) ? i + 1 : -1;
        }
        int[] num = number(i);
        if (num == null || num[0] < 1 || num[0] > MAX_DAY_OF_MONTH || num[1] >= t.size()) {
            return -1;
        }
        Token after = t.get(num[1]);
        int dom = num[0];
        if (TimeLexicon.MONTH.contains(after.core()) && (after.has('ל') || after.has('ב'))) {
            int j = num[1] + 1;
            boolean next = j < t.size() && TimeLexicon.NEXT.contains(t.get(j).core());
            LocalDate date = next ? inMonth(today.plusMonths(1), dom) : nextDayOfMonth(dom);
            if (date == null) {
                return -1;
            }
            r.days.add(date);
            return next ? j + 1 : j;
        }
        Integer month = TimeLexicon.MONTHS.get(after.core());
        if (month != null && (after.has('ל') || after.has('ב') || after.prefix().isEmpty())) {
            return explicitDate(dom, month, null) ? num[1] + 1 : -1;
        }
        return -1;
    }

    private boolean explicitDate(int dom, int month, Integer year) {
        try {
            LocalDate date;
            if (year != null) {
                date = LocalDate.of(year < 100 ? 2000 + year : year, month, dom);
            } else {
                date = LocalDate.of(today.getYear(), month, dom);
                if (date.isBefore(today)) {
                    date = LocalDate.of(today.getYear() + 1, month, dom);
                }
            }
            r.days.add(date);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** This month's day if it is still ahead (or today), else the next month that has it. */
    private LocalDate nextDayOfMonth(int dom) {
        for (int m = 0; m <= 12; m++) {
            LocalDate d = inMonth(today.plusMonths(m), dom);
            if (d != null && !d.isBefore(today)) {
                return d;
            }
        }
        return null;
    }

    private static LocalDate inMonth(LocalDate anyDayOfMonth, int dom) {
        return dom <= anyDayOfMonth.lengthOfMonth() ? anyDayOfMonth.withDayOfMonth(dom) : null;
    }

    // --- בבוקר, בצהריים, אחרי הצהריים, אחה"צ, לפנות ערב, בערב, בלילה -------------------------------------------

    private int part(int i) {
        Token tok = t.get(i);
        DayPart single = TimeLexicon.PARTS.get(tok.core());
        if (single != null && !tok.has('מ')) {
            return r.setPart(single) ? i + 1 : -1;
        }
        if (!TimeLexicon.PART_FIRST_WORDS.contains(tok.core()) || i + 1 >= t.size()) {
            return -1;
        }
        DayPart second = TimeLexicon.PARTS.get(t.get(i + 1).core());
        DayPart part = null;
        if (second == DayPart.NOON && (tok.is("אחרי") || tok.is("אחר"))) {
            part = DayPart.AFTERNOON;
        } else if (second == DayPart.NOON && tok.is("לפני")) {
            part = DayPart.MORNING;
        } else if (second == DayPart.EVENING && tok.is("לפנות")) {
            part = DayPart.EVENING;
        }
        return part != null && r.setPart(part) ? i + 2 : -1;
    }

    // --- clock times and ranges --------------------------------------------------------------------------------

    private int clockOrRange(int i) {
        Token tok = t.get(i);
        if (TimeLexicon.BETWEEN.contains(tok.core())) {
            ClockAt a = clock(i + 1, false);
            if (a == null || a.next >= t.size()) {
                return -1;
            }
            return range(a, a.next, true);
        }
        // after מ ("מעשר לשתיים") the ל separates a range; it is not "ten to two"
        ClockAt a = clock(i, !tok.has('מ'));
        if (a == null) {
            return -1;
        }
        if (a.next < t.size()) {
            int end = range(a, a.next, tok.has('מ'));
            if (end > 0) {
                return end;
            }
        }
        if (tok.has('מ')) {
            return -1; // "משלוש" alone: from three until when?
        }
        return r.setClock(a.clock, null) ? a.next : -1;
    }

    /** After the first clock of a range at {@code j}: "עד 4", "- 4", or (after בין/מ) "ל-4". */
    private int range(ClockAt a, int j, boolean lamedSeparates) {
        Token sep = t.get(j);
        ClockAt b;
        if (sep.is("-") || TimeLexicon.UNTIL.contains(sep.core())) {
            b = clock(j + 1, false);
        } else if (lamedSeparates && sep.has('ל')) {
            b = clock(j, false);
        } else {
            return -1;
        }
        return b != null && r.setClock(a.clock, b.clock) ? b.next : -1;
    }

    private record ClockAt(Clock clock, int next) {
    }

    /** A clock time at {@code i}: "10:30", "15", "שלוש וחצי", "רבע לארבע", "חצות". */
    private ClockAt clock(int i, boolean allowTo) {
        if (i >= t.size()) {
            return null;
        }
        Token tok = t.get(i);
        if (TimeLexicon.MIDNIGHT.contains(tok.core())) {
            return new ClockAt(Clock.MIDNIGHT, i + 1);
        }
        Matcher hm = HH_MM.matcher(tok.core());
        if (hm.matches()) {
            int h = Integer.parseInt(hm.group(1));
            int m = Integer.parseInt(hm.group(2));
            if (h > 23 || m > 59) {
                return null;
            }
            return new ClockAt(new Clock(h, m, h == 0 || h > 12 || hm.group(1).startsWith("0")), i + 1);
        }
        if (allowTo) {
            ClockAt to = minutesTo(i);
            if (to != null) {
                return to;
            }
        }
        int[] num = number(i);
        if (num == null || num[0] > 23) {
            return null;
        }
        int h = num[0];
        boolean explicit = h == 0 || h > 12 || (tok.isDigits() && tok.core().startsWith("0"));
        int j = num[1];
        int minute = 0;
        if (j < t.size() && t.get(j).prefix().equals("ו")) {
            Token m = t.get(j);
            if (TimeLexicon.HALF.contains(m.core())) {
                minute = 30;
                j++;
            } else if (TimeLexicon.QUARTER.contains(m.core())) {
                minute = 15;
                j++;
            } else {
                int[] mins = number(j);
                if (mins != null && mins[0] >= 1 && mins[0] <= 59) {
                    minute = mins[0];
                    j = mins[1];
                    if (j < t.size() && TimeLexicon.MINUTE_WORDS.contains(t.get(j).core())
                            && t.get(j).prefix().isEmpty()) {
                        j++;
                    }
                }
            }
        }
        if (!explicit && (h < 1 || h > 12)) {
            return null;
        }
        return new ClockAt(new Clock(h, minute, explicit), j);
    }

    /** "רבע לשלוש" (2:45), "עשרה לחמש", "חמש דקות לשש". */
    private ClockAt minutesTo(int i) {
        int minutes;
        int j;
        if (TimeLexicon.QUARTER.contains(t.get(i).core())) {
            minutes = 15;
            j = i + 1;
        } else {
            int[] num = number(i);
            if (num == null || !MINUTES_TO.contains(num[0])) {
                return null;
            }
            minutes = num[0];
            j = num[1];
            if (j < t.size() && TimeLexicon.MINUTE_WORDS.contains(t.get(j).core()) && t.get(j).prefix().isEmpty()) {
                j++;
            }
        }
        if (j >= t.size() || !t.get(j).prefix().endsWith("ל")) {
            return null;
        }
        int[] hour = number(j);
        if (hour == null || hour[0] < 1 || hour[0] > 12) {
            return null;
        }
        int said = hour[0] == 1 ? 12 : hour[0] - 1;
        return new ClockAt(new Clock(said, 60 - minutes, false), hour[1]);
    }

    /**
     * A number at {@code i} in digits or words (1–59: "עשרים ושלוש", "חמישה עשר"): {value, next position}, or
     * null. Only the first word may carry a prefix.
     */
    private int[] number(int i) {
        if (i >= t.size()) {
            return null;
        }
        Token tok = t.get(i);
        if (tok.isDigits()) {
            return tok.core().length() <= 2 ? new int[] {Integer.parseInt(tok.core()), i + 1} : null;
        }
        Integer tens = TimeLexicon.TENS.get(tok.core());
        if (tens != null) {
            if (i + 1 < t.size() && t.get(i + 1).prefix().equals("ו")) {
                Integer unit = TimeLexicon.UNITS.get(t.get(i + 1).core());
                if (unit != null && unit < 10) {
                    return new int[] {tens + unit, i + 2};
                }
            }
            return new int[] {tens, i + 1};
        }
        Integer unit = TimeLexicon.UNITS.get(tok.core());
        if (unit == null) {
            return null;
        }
        if (unit < 10 && i + 1 < t.size() && t.get(i + 1).prefix().isEmpty()
                && TimeLexicon.TEEN_TENS.contains(t.get(i + 1).core())) {
            return new int[] {10 + unit, i + 2};
        }
        return new int[] {unit, i + 1};
    }
}
