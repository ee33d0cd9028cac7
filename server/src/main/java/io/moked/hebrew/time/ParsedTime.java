package io.moked.hebrew.time;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What a time expression means, in the tenant's time zone.
 *
 * @param kind  an instant ("מחר בעשר"), a range ("בין שתיים לארבע", "בערב") or a whole day ("יום שלישי")
 * @param start the instant, the start of the range, or the start of the day
 * @param end   the (exclusive) end of a range; null for an instant or a day
 */
public record ParsedTime(Kind kind, ZonedDateTime start, @Nullable ZonedDateTime end) {
    /** Tenant-local ISO-8601 without offset or seconds, the form tools and scripts exchange. */
    public static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    public enum Kind {
        INSTANT, RANGE, DATE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ParsedTime {
        if ((kind == Kind.RANGE) != (end != null)) {
            throw new IllegalArgumentException("a range, and only a range, has an end");
        }
        if (end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("range ends before it starts: " + start + " - " + end);
        }
    }

    static ParsedTime instant(ZonedDateTime at) {
        return new ParsedTime(Kind.INSTANT, at, null);
    }

    static ParsedTime range(ZonedDateTime from, ZonedDateTime to) {
        return new ParsedTime(Kind.RANGE, from, to);
    }

    static ParsedTime date(LocalDate day, java.time.ZoneId zone) {
        return new ParsedTime(Kind.DATE, day.atStartOfDay(zone), null);
    }

    public LocalDate date() {
        return start.toLocalDate();
    }

    /** "2025-03-04" for a day, else "2025-03-04T10:00". */
    public String startText() {
        return kind == Kind.DATE ? start.toLocalDate().toString() : start.format(LOCAL_MINUTES);
    }

    /** The end as {@link #startText()} writes it, or null. */
    public @Nullable String endText() {
        return end == null ? null : end.format(LOCAL_MINUTES);
    }
}
