package io.moked.crm.call;

import io.moked.error.ValidationException;

import java.util.Locale;

/** Call direction; Twilio's "outbound-api"/"outbound-dial" are outbound. */
public enum Direction {
    INBOUND, OUTBOUND;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromTwilio(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("inbound")) {
            return INBOUND;
        }
        if (v.startsWith("outbound")) {
            return OUTBOUND;
        }
        throw new ValidationException("unknown call direction '" + value + "' (inbound or outbound...)");
    }
}
