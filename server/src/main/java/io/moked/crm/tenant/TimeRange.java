package io.moked.crm.tenant;

import io.micronaut.serde.annotation.Serdeable;
import io.moked.error.ValidationException;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** Opening interval within one day, {@code open} inclusive, {@code close} exclusive, written "09:00-18:00". */
@Serdeable
public record TimeRange(LocalTime open, LocalTime close) {
    public TimeRange {
        if (!close.isAfter(open)) {
            throw new ValidationException("opening hours " + open + "-" + close + ": close must be after open");
        }
    }

    public static TimeRange parse(String text) {
        String[] parts = text.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new ValidationException("opening hours '" + text + "': expected HH:MM-HH:MM");
        }
        try {
            return new TimeRange(LocalTime.parse(pad(parts[0])), LocalTime.parse(pad(parts[1])));
        } catch (DateTimeParseException e) {
            throw new ValidationException("opening hours '" + text + "': expected HH:MM-HH:MM");
        }
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(open) && time.isBefore(close);
    }

    @Override
    public String toString() {
        return open + "-" + close;
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }
}
