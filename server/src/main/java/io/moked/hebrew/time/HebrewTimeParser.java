package io.moked.hebrew.time;

import io.moked.crm.tenant.BusinessHours;
import io.moked.crm.tenant.TimeRange;
import jakarta.inject.Singleton;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what a caller says when scheduling ("מחר בעשר", "יום שלישי אחרי הצהריים", "בעוד שבוע", "ב-15 לחודש",
 * "שלוש וחצי", "בין שתיים לארבע", "10-12") or an ISO {@code YYYY-MM-DDTHH:MM}, relative to now in the tenant's time
 * zone. The answer is an instant, a range or a day, or empty when the text is not understood: a word it does not
 * know, two different days, an hour that does not fit the part of the day. Rules (docs/receptionist.md):
 * <ul>
 * <li>An hour said without its half of the day is read the way an office means it: of {@code h} and {@code h+12}
 * the one inside the tenant's business hours that day; when both or neither are, 07:00–18:59 (seven to eleven in the
 * morning, twelve, one to six in the afternoon).</li>
 * <li>A time or part of the day without a day is the next one still ahead: today, or tomorrow once it has passed.</li>
 * <li>A weekday is its next occurrence after today ("יום שלישי" said on a Tuesday is next week); "הזה" includes
 * today; "בשבוע הבא" means the week (Sunday to Saturday) after this one.</li>
 * <li>"ב-15 לחודש" is this month's 15th while it is today or ahead, else the next month's.</li>
 * <li>Times that do not exist on a daylight-saving change day move forward with the clock (02:30 → 03:30).</li>
 * </ul>
 * Thread-safe and stateless; one instance serves all calls.
 */
@Singleton
public final class HebrewTimeParser {
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?)?");
    private static final int MAX_TEXT_CHARS = 200;
    private static final int OFFICE_FIRST_MORNING_HOUR = 7;

    private final DayParts parts;

    public HebrewTimeParser(DayParts parts) {
        this.parts = parts;
    }

    /** {@code text} said to {@code tenant}'s assistant at {@code now}: the tenant's time zone and business hours. */
    public Optional<ParsedTime> parse(String text, io.moked.crm.tenant.Tenant tenant, java.time.Instant now) {
        return parse(text, now.atZone(tenant.zoneId()), tenant.businessHours());
    }

    /**
     * @param now   the current time in the tenant's zone (its zone is the zone of the answer)
     * @param hours the tenant's business hours, for reading bare hours
     */
    public Optional<ParsedTime> parse(String text, ZonedDateTime now, BusinessHours hours) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (ISO.matcher(trimmed).matches()) {
            return iso(trimmed, now.getZone());
        }
        LocalDate today = now.toLocalDate();
        return TimeTokenizer.tokenize(trimmed)
                .map(tokens -> TimeReader.read(tokens, today))
                .flatMap(reading -> resolve(reading, now, hours));
    }

    private static Optional<ParsedTime> iso(String text, ZoneId zone) {
        try {
            if (text.length() == 10) {
                return Optional.of(ParsedTime.date(LocalDate.parse(text), zone));
            }
            LocalDateTime local = LocalDateTime.parse(text.replace(' ', 'T'));
            return Optional.of(ParsedTime.instant(ZonedDateTime.of(local, zone).truncatedTo(ChronoUnit.MINUTES)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Optional<ParsedTime> resolve(Reading r, ZonedDateTime now, BusinessHours hours) {
        if (r.now || r.after != null) {
            boolean alone = r.days.isEmpty() && r.weekday == null && r.week == 0 && r.clock == null && r.part == null
                    && !(r.now && r.after != null);
            if (!alone) {
                return Optional.empty();
            }
            ZonedDateTime at = r.now ? now : now.plus(r.after);
            return Optional.of(ParsedTime.instant(at.truncatedTo(ChronoUnit.MINUTES)));
        }
        LocalDate today = now.toLocalDate();
        LocalDate day = explicitDay(r, today);
        if (day == null && !r.days.isEmpty()) {
            return Optional.empty();
        }
        if (day == null && r.weekday == null && r.week != 0) {
            if (r.clock != null || r.part != null) {
                return Optional.empty();
            }
            LocalDate sunday = today.with(TemporalAdjusters.next(DayOfWeek.SUNDAY));
            LocalDate from = r.week == 2 ? sunday : today;
            LocalDate to = r.week == 2 ? sunday.plusWeeks(1) : sunday;
            return Optional.of(ParsedTime.range(from.atStartOfDay(now.getZone()), to.atStartOfDay(now.getZone())));
        }
        if (day != null) {
            return onDay(r, day, now.getZone(), hours);
        }
        if (r.clock == null && r.part == null) {
            return Optional.empty();
        }
        // no day said: the next occurrence still ahead
        Optional<ParsedTime> todays = onDay(r, today, now.getZone(), hours);
        if (todays.isEmpty()) {
            return todays;
        }
        ZonedDateTime last = todays.get().end() != null ? todays.get().end() : todays.get().start();
        return last.isAfter(now) ? todays : onDay(r, today.plusDays(1), now.getZone(), hours);
    }

    /** The one day the reading names, or null (none named, or named days that disagree). */
    private static LocalDate explicitDay(Reading r, LocalDate today) {
        LocalDate day = null;
        for (LocalDate d : r.days) {
            if (day != null && !day.equals(d)) {
                return null;
            }
            day = d;
        }
        if (r.weekday != null) {
            LocalDate w = weekday(r, today);
            if (w == null || (day != null && !day.equals(w))) {
                return null;
            }
            day = w;
        } else if (r.week != 0 && day != null) {
            return null;
        }
        return day;
    }

    private static LocalDate weekday(Reading r, LocalDate today) {
        LocalDate sunday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        int offset = r.weekday.getValue() % 7; // Sunday 0 .. Saturday 6
        if (r.week == 2) {
            return sunday.plusWeeks(1).plusDays(offset);
        }
        if (r.week == 1 || r.weekdayThis) {
            LocalDate d = sunday.plusDays(offset);
            return d.isBefore(today) ? null : d;
        }
        return today.with(TemporalAdjusters.next(r.weekday));
    }

    private Optional<ParsedTime> onDay(Reading r, LocalDate day, ZoneId zone, BusinessHours hours) {
        if (r.clock == null && r.part == null) {
            return Optional.of(ParsedTime.date(day, zone));
        }
        if (r.clock == null) {
            TimeRange range = parts.of(r.part);
            return Optional.of(ParsedTime.range(at(day, range.open(), zone), end(day, range.close(), zone)));
        }
        ZonedDateTime start = place(r.clock, r.part, day, zone, hours);
        if (start == null) {
            return Optional.empty();
        }
        if (r.clockEnd == null) {
            return Optional.of(ParsedTime.instant(start));
        }
        ZonedDateTime end = place(r.clockEnd, r.part, day, zone, hours);
        if (end != null && !end.isAfter(start) && !r.clockEnd.explicit24() && r.part == null
                && r.clockEnd.hour() < 12) {
            // "בין 6 ל-8": the end cannot be before the start, so it is the evening's 8
            end = ZonedDateTime.of(day, LocalTime.of(r.clockEnd.hour() + 12, r.clockEnd.minute()), zone);
        }
        if (end == null || !end.isAfter(start)) {
            return Optional.empty();
        }
        return Optional.of(ParsedTime.range(start, end));
    }

    /** A said clock time on a day, its half of the day decided by the part of the day or the office rule. */
    private static ZonedDateTime place(Clock c, DayPart part, LocalDate day, ZoneId zone, BusinessHours hours) {
        if (c.isMidnight()) {
            return part == null || part == DayPart.NIGHT ? day.plusDays(1).atStartOfDay(zone) : null;
        }
        int hour24;
        if (c.explicit24()) {
            if (part != null && !part.accepts24(c.hour())) {
                return null;
            }
            hour24 = c.hour();
        } else if (part != null) {
            hour24 = part.hour24(c.hour());
            if (hour24 < 0) {
                return null;
            }
        } else {
            hour24 = officeHour(c, hours.on(day.getDayOfWeek()));
        }
        return at(day, LocalTime.of(hour24, c.minute()), zone);
    }

    /** Of h and h+12, the one inside the day's business hours; else the office day 07:00–18:59. */
    static int officeHour(Clock c, List<TimeRange> open) {
        int am = c.hour() % 12;
        int pm = am + 12;
        boolean amOpen = open.stream().anyMatch(r -> r.contains(LocalTime.of(am, c.minute())));
        boolean pmOpen = open.stream().anyMatch(r -> r.contains(LocalTime.of(pm, c.minute())));
        if (amOpen != pmOpen) {
            return amOpen ? am : pm;
        }
        return am >= OFFICE_FIRST_MORNING_HOUR ? am : pm;
    }

    private static ZonedDateTime at(LocalDate day, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(day, time, zone);
    }

    private static ZonedDateTime end(LocalDate day, LocalTime close, ZoneId zone) {
        return DayParts.isEndOfDay(close) ? day.plusDays(1).atStartOfDay(zone) : at(day, close, zone);
    }
}
