package io.moked.crm.prompt;

import io.moked.error.ValidationException;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{name}}} placeholders prompts and greeting templates may use. The set is closed so a typo is caught
 * when the prompt is pushed, not discovered on a live call.
 */
public final class Placeholders {
    /** Name to what it is filled with; the order is the order shown to admins. */
    public static final Map<String, String> KNOWN = known();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private Placeholders() {
    }

    private static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("business_name", "tenant business name");
        m.put("assistant_name", "the assistant's name");
        m.put("greeting", "the tenant greeting, already filled in");
        m.put("business_hours", "opening hours, one line per open day, in the tenant locale");
        m.put("transfer_number", "number human hand-offs go to (empty when none)");
        m.put("meeting_minutes", "length of a viewing/meeting in minutes");
        m.put("time_zone", "tenant time zone id");
        m.put("today", "the date at call start in the tenant time zone and locale");
        m.put("weekday", "the day of the week at call start, in the tenant locale");
        m.put("now", "the time (HH:mm) at call start in the tenant time zone");
        m.put("caller_phone", "the caller's number in E.164 (empty when withheld)");
        m.put("caller_name", "the caller's name when the lead is known (else empty)");
        m.put("lead_details", "what is already known about the caller, one fact per line (else empty)");
        m.put("lead_name", "the returning caller's name (else empty); for the returning-caller greeting");
        m.put("lead_known_fields", "the caller's known lead fields (name, email, qualification answers) and "
                + "upcoming meetings, one per line (else empty)");
        m.put("earlier_calls", "short summaries of the caller's earlier calls, newest first, one per line "
                + "(never transcripts; else empty)");
        m.put("qualification_questions", "the tenant's qualification questions in order: field key, question, "
                + "allowed answers, required");
        m.put("available_slots", "free viewing/meeting slots from now on (tenant-local YYYY-MM-DDTHH:MM), "
                + "one per line");
        m.put("tone", "how the assistant should sound (tenant persona)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Placeholder names used in {@code template}, in order of first use. */
    public static Set<String> used(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** @throws ValidationException listing the unknown placeholders and every known one */
    public static void requireKnown(String template, String what) {
        Set<String> unknown = new LinkedHashSet<>(used(template));
        unknown.removeAll(KNOWN.keySet());
        if (!unknown.isEmpty()) {
            throw new ValidationException(what + " uses unknown placeholder" + (unknown.size() > 1 ? "s " : " ")
                    + format(unknown) + "; known placeholders: " + format(KNOWN.keySet()));
        }
    }

    /** Replaces every known placeholder with its value (missing values become empty text). */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String format(Set<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append("{{").append(n).append("}}");
        }
        return sb.toString();
    }
}
