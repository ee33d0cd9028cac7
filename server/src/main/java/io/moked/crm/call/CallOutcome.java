package io.moked.crm.call;

import io.moked.error.ValidationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a call ended for the business (written with the post-call summary). */
public enum CallOutcome {
    BOOKED, QUALIFIED, CALL_BACK, NOT_INTERESTED, WRONG_NUMBER, SPAM;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CallOutcome parse(String value) {
        for (CallOutcome o : values()) {
            if (o.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return o;
            }
        }
        throw new ValidationException("unknown call outcome '" + value + "' (known: "
                + Arrays.stream(values()).map(CallOutcome::id).collect(Collectors.joining(", ")) + ")");
    }
}
