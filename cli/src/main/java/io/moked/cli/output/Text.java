package io.moked.cli.output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A value written by people (a greeting, a message, a caller's words) together with the direction to use when it
 * has no letter to decide by itself, e.g. "3,450 ₪" or "?" in a Hebrew tenant's data. Give it to {@link Table} rows,
 * {@link Fields} or {@link Output#labelled} instead of a plain string; values that are not prose (slugs, phone
 * numbers, dates) stay plain strings and are laid out left to right.
 * <pre>
 * Direction hebrew = Direction.forLocale(tenant.locale());
 * Fields.create().add("Greeting", Text.of(tenant.greetingTemplate(), hebrew));
 * </pre>
 */
public record Text(String value, Direction fallback) {
    public Text {
        Objects.requireNonNull(fallback, "fallback");
    }

    public static Text of(String value, Direction fallback) {
        return new Text(value, fallback);
    }

    /** Every value of the map as a {@code Text} with the same fallback, keeping the map's order. */
    public static Map<String, Text> values(Map<?, ?> map, Direction fallback) {
        Map<String, Text> texts = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> texts.put(String.valueOf(key),
                    of(value == null ? null : String.valueOf(value), fallback)));
        }
        return texts;
    }

    @Override
    public String toString() {
        return value;
    }
}
