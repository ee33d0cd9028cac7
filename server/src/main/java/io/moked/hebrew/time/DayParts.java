package io.moked.hebrew.time;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.moked.crm.tenant.TimeRange;

import java.time.LocalTime;

/**
 * What the parts of the day mean when a caller says one without a clock time ("בבוקר", "אחרי הצהריים"): the range
 * the parser returns. Configured under {@code moked.hebrew.time.parts-of-day} (application.yml), each "HH:MM-HH:MM";
 * "24:00" is not a clock time, so night ends at 23:59.
 */
@ConfigurationProperties("moked.hebrew.time.parts-of-day")
public record DayParts(String morning, String noon, String afternoon, String evening, String night) {

    public TimeRange of(DayPart part) {
        return switch (part) {
            case MORNING -> TimeRange.parse(morning);
            case NOON -> TimeRange.parse(noon);
            case AFTERNOON -> TimeRange.parse(afternoon);
            case EVENING -> TimeRange.parse(evening);
            case NIGHT -> TimeRange.parse(night);
        };
    }

    /** Validates every range once (bad configuration fails at startup, not on a call). */
    public DayParts {
        for (String r : new String[] {morning, noon, afternoon, evening, night}) {
            TimeRange.parse(r == null ? "" : r);
        }
    }

    /** Ends "23:59" mean the end of the day. */
    static boolean isEndOfDay(LocalTime t) {
        return t.equals(LocalTime.of(23, 59));
    }
}
