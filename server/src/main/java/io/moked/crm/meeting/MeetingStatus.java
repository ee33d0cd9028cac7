package io.moked.crm.meeting;

import io.moked.error.ValidationException;

import java.util.Locale;
import java.util.Set;

/** Lifecycle of a meeting; SCHEDULED and CONFIRMED occupy the calendar. */
public enum MeetingStatus {
    SCHEDULED, CONFIRMED, CANCELLED, DONE, NO_SHOW;

    static final Set<String> BUSY = Set.of(SCHEDULED.id(), CONFIRMED.id());

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static MeetingStatus parse(String value) {
        for (MeetingStatus s : values()) {
            if (s.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new ValidationException("unknown meeting status '" + value
                + "' (scheduled, confirmed, cancelled, done, no-show)");
    }
}
