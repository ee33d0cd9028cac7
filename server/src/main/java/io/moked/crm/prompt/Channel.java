package io.moked.crm.prompt;

import io.moked.error.ValidationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a prompt is used; each tenant has one prompt (with its versions) per channel. */
public enum Channel {
    VOICE, WHATSAPP, SMS, CHAT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel parse(String value) {
        for (Channel c : values()) {
            if (c.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return c;
            }
        }
        throw new ValidationException("unknown channel '" + value + "' (known: "
                + Arrays.stream(values()).map(Channel::id).collect(Collectors.joining(", ")) + ")");
    }
}
