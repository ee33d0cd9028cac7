package io.moked.crm.meeting;

import io.moked.error.ValidationException;

import java.util.Locale;

/** A property viewing or an office meeting. */
public enum MeetingKind {
    VIEWING, MEETING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MeetingKind parse(String value) {
        for (MeetingKind k : values()) {
            if (k.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return k;
            }
        }
        throw new ValidationException("unknown meeting kind '" + value + "' (viewing, meeting)");
    }
}
