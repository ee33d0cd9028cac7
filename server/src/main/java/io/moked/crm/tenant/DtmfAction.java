package io.moked.crm.tenant;

import io.moked.error.ValidationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a caller's keypad press does (tenant {@code dtmf_actions}, e.g. {"0":"transfer"}). */
public enum DtmfAction {
    /** Connect the caller to the tenant's transfer number. */
    TRANSFER,
    /** Play the voicemail prompt and record a message. */
    VOICEMAIL,
    /** Repeat the assistant's last answer. */
    REPEAT,
    /** End the call politely. */
    HANGUP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DtmfAction parse(String value) {
        for (DtmfAction a : values()) {
            if (a.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return a;
            }
        }
        throw new ValidationException("unknown DTMF action '" + value + "' (known: "
                + Arrays.stream(values()).map(DtmfAction::id).collect(Collectors.joining(", ")) + ")");
    }
}
