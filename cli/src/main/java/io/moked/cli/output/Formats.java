package io.moked.cli.output;

import java.text.BreakIterator;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Small, consistent renderings of values in tables (JSON output keeps the raw values). */
public final class Formats {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    /** "2025-03-02 14:05" in the given zone (a tenant's zone for its own data); "-" for null. */
    public static String time(Instant instant, ZoneId zone) {
        return instant == null ? "-" : MINUTES.format(instant.atZone(zone));
    }

    public static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** Comma-separated, "-" when empty. */
    public static String list(Collection<?> values) {
        return values == null || values.isEmpty() ? "-"
                : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** "key: value" per line, "-" when empty. In a {@link Fields} view pass the map itself (keys aligned). */
    public static String lines(Map<?, ?> values) {
        return values == null || values.isEmpty() ? "-" : values.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    }

    /**
     * The first line of a text, shortened to {@code maxChars} with an ellipsis; never cut inside a character
     * (a letter keeps its niqqud, an emoji its surrogate pair).
     */
    public static String brief(String text, int maxChars) {
        if (text == null) {
            return "-";
        }
        String line = text.strip().lines().findFirst().orElse("");
        if (line.length() <= maxChars) {
            return line;
        }
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(line);
        int limit = Math.max(0, maxChars - 1);
        int cut = clusters.isBoundary(limit) ? limit : clusters.preceding(limit);
        return line.substring(0, cut) + "…";
    }
}
