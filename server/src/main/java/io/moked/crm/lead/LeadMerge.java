package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an imported row combines with the lead already stored for its phone (pure; no database):
 * <ul>
 *   <li>{@code skip}: the stored lead stays as it is.</li>
 *   <li>{@code update}: each non-empty value of the row (name, email, status, each field) replaces the stored one;
 *       empty cells and fields the row lacks leave the stored values. List fields are replaced too.</li>
 *   <li>{@code merge}: fills what the lead lacks: a stored non-empty value is kept, a missing one takes the row's;
 *       list fields (e.g. areas) become the union of both, stored items first; the stored status is kept.</li>
 * </ul>
 * A result equal to the stored values is {@code UNCHANGED} and nothing is written, which is what makes a second
 * import of the same file change nothing.
 */
public final class LeadMerge {
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;]");
    private static final String LIST_JOINER = ", ";

    private final DuplicatePolicy policy;
    private final Set<String> listFields;

    public LeadMerge(DuplicatePolicy policy, Set<String> listFields) {
        this.policy = policy;
        this.listFields = Set.copyOf(listFields);
    }

    public DuplicatePolicy policy() {
        return policy;
    }

    public boolean isListField(String key) {
        return listFields.contains(key);
    }

    /** The outcome kind and the values after applying {@code row} to {@code stored} (null = no such lead). */
    public Decision apply(@Nullable LeadValues stored, LeadValues row) {
        if (stored == null) {
            return new Decision(ImportOutcome.Kind.CREATED, row);
        }
        LeadValues after = switch (policy) {
            case SKIP -> null;
            case UPDATE -> update(stored, row);
            case MERGE -> merge(stored, row);
        };
        if (after == null) {
            return new Decision(ImportOutcome.Kind.SKIPPED_EXISTING, stored);
        }
        return new Decision(after.equals(stored) ? ImportOutcome.Kind.UNCHANGED : ImportOutcome.Kind.UPDATED, after);
    }

    private static LeadValues update(LeadValues stored, LeadValues row) {
        Map<String, String> fields = new LinkedHashMap<>(stored.fields());
        fields.putAll(row.fields());
        return new LeadValues(or(row.name(), stored.name()), or(row.email(), stored.email()),
                or(row.status(), stored.status()), fields);
    }

    private LeadValues merge(LeadValues stored, LeadValues row) {
        Map<String, String> fields = new LinkedHashMap<>(stored.fields());
        row.fields().forEach((key, value) -> {
            String kept = fields.get(key);
            if (kept == null || kept.isBlank()) {
                fields.put(key, value);
            } else if (isListField(key)) {
                fields.put(key, union(kept, value));
            }
        });
        return new LeadValues(or(stored.name(), row.name()), or(stored.email(), row.email()),
                or(stored.status(), row.status()), fields);
    }

    /**
     * A list field as stored: items split on commas or semicolons, stripped, empty ones and repeats (ignoring case)
     * dropped, joined with ", ". Null when nothing is left.
     */
    public static String normalizeList(String value) {
        return value == null ? null : join(items(value));
    }

    /** Items of {@code kept} first, then those of {@code added} not already there (ignoring case). */
    static String union(String kept, String added) {
        return join(items(kept + "," + added));
    }

    private static List<String> items(String value) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> items = new ArrayList<>();
        for (String part : LIST_SEPARATOR.split(value)) {
            String item = part.strip();
            if (!item.isEmpty() && seen.add(item.toLowerCase(Locale.ROOT))) {
                items.add(item);
            }
        }
        return items;
    }

    private static String join(List<String> items) {
        return items.isEmpty() ? null : String.join(LIST_JOINER, items);
    }

    private static String or(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }

    /** @param after the values to store (for {@code SKIPPED_EXISTING}: the stored ones) */
    public record Decision(ImportOutcome.Kind kind, LeadValues after) {
    }
}
