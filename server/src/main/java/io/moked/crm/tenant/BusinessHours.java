package io.moked.crm.tenant;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import io.moked.error.ValidationException;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Weekly opening hours in the tenant's time zone. Written per weekday as "09:00-13:00, 16:00-19:00" or "closed";
 * days not listed are closed. Stored and shown as JSON {@code {"sunday":["09:00-18:00"],...}}.
 */
@Serdeable
public final class BusinessHours {
    private static final String CLOSED = "closed";

    private final Map<DayOfWeek, List<TimeRange>> days;

    private BusinessHours(Map<DayOfWeek, List<TimeRange>> days) {
        this.days = Collections.unmodifiableMap(days);
    }

    /**
     * @param spec day name (english, any case: "sunday" or "sun") to a range string, a list of range strings, or
     *             "closed"
     */
    public static BusinessHours parse(Map<String, ?> spec) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        if (spec != null) {
            spec.forEach((day, value) -> days.put(day(day), ranges(day, value)));
        }
        return new BusinessHours(days);
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    public boolean isOpen(ZonedDateTime localTime) {
        return on(localTime.getDayOfWeek()).stream().anyMatch(r -> r.contains(localTime.toLocalTime()));
    }

    /**
     * {@code from} itself when open then, else the next opening time within a week (in {@code from}'s zone); empty
     * when the business is never open.
     */
    public java.util.Optional<ZonedDateTime> nextOpening(ZonedDateTime from) {
        if (isOpen(from)) {
            return java.util.Optional.of(from);
        }
        for (int d = 0; d <= 7; d++) {
            java.time.LocalDate day = from.toLocalDate().plusDays(d);
            for (TimeRange r : on(day.getDayOfWeek())) {
                ZonedDateTime open = ZonedDateTime.of(day, r.open(), from.getZone());
                if (open.isAfter(from)) {
                    return java.util.Optional.of(open);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Canonical JSON form: {@code {"sunday":["09:00-18:00"], "saturday":[]}} for every day, Sunday first. */
    @JsonValue
    public Map<String, List<String>> toJson() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (DayOfWeek day : weekFromSunday()) {
            out.put(day.name().toLowerCase(Locale.ROOT), on(day).stream().map(TimeRange::toString).toList());
        }
        return out;
    }

    /** One line per open day in the given locale ("יום ראשון: 09:00-18:00"), for prompts. */
    public String describe(Locale locale) {
        StringJoiner lines = new StringJoiner("\n");
        for (DayOfWeek day : weekFromSunday()) {
            List<TimeRange> ranges = on(day);
            if (!ranges.isEmpty()) {
                StringJoiner r = new StringJoiner(", ");
                ranges.forEach(x -> r.add(x.toString()));
                lines.add(day.getDisplayName(TextStyle.FULL, locale) + ": " + r);
            }
        }
        return lines.toString();
    }

    /** Israeli week order, which is also how admins read the YAML. */
    private static List<DayOfWeek> weekFromSunday() {
        List<DayOfWeek> week = new ArrayList<>();
        week.add(DayOfWeek.SUNDAY);
        for (int i = 1; i <= 6; i++) {
            week.add(DayOfWeek.of(i));
        }
        return week;
    }

    private static DayOfWeek day(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(n) || (n.length() == 3 && d.name().startsWith(n))) {
                return d;
            }
        }
        throw new ValidationException("business hours: unknown day '" + name + "' (use sunday..saturday)");
    }

    private static List<TimeRange> ranges(String day, Object value) {
        List<String> parts = new ArrayList<>();
        if (value == null) {
            return List.of();
        } else if (value instanceof Collection) {
            ((Collection<?>) value).forEach(v -> parts.add(String.valueOf(v)));
        } else {
            for (String p : value.toString().split(",")) {
                parts.add(p);
            }
        }
        List<TimeRange> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank() && !CLOSED.equalsIgnoreCase(p.strip())) {
                out.add(TimeRange.parse(p));
            }
        }
        out.sort((a, b) -> a.open().compareTo(b.open()));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).open().isBefore(out.get(i - 1).close())) {
                throw new ValidationException("business hours for " + day + ": ranges overlap");
            }
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessHours && ((BusinessHours) o).days.equals(days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
