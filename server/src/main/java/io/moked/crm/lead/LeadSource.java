package io.moked.crm.lead;

import io.moked.error.ValidationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a lead first came from. */
public enum LeadSource {
    CALL, WHATSAPP, SMS, CHAT, MANUAL, IMPORT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeadSource parse(String value) {
        for (LeadSource s : values()) {
            if (s.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new ValidationException("unknown lead source '" + value + "' (known: "
                + Arrays.stream(values()).map(LeadSource::id).collect(Collectors.joining(", ")) + ")");
    }
}
