package io.moked.crm.lead;

import io.moked.error.ValidationException;

import java.util.Locale;

/** How promising a lead is. */
public enum Tier {
    HOT, WARM, COLD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier parse(String value) {
        for (Tier t : values()) {
            if (t.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return t;
            }
        }
        throw new ValidationException("unknown tier '" + value + "' (known: hot, warm, cold)");
    }
}
