package io.moked.crm.call;

import io.moked.error.ValidationException;

import java.util.Locale;

/** Who a call turn belongs to. TOOL turns hold a tool call and its result as text (JSON). */
public enum TurnRole {
    USER, ASSISTANT, TOOL, SYSTEM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TurnRole parse(String value) {
        for (TurnRole r : values()) {
            if (r.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return r;
            }
        }
        throw new ValidationException("unknown turn role '" + value + "' (user, assistant, tool, system)");
    }
}
