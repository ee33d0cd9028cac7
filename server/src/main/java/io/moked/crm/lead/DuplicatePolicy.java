package io.moked.crm.lead;

import io.moked.error.ValidationException;

import java.util.Locale;

/**
 * What a lead import does with a row whose phone is already a lead of the tenant, or already appeared in the file.
 * The exact rules are in {@link LeadMerge} and docs/leads.md.
 */
public enum DuplicatePolicy {
    /** Leave the stored lead as it is; within the file the first row of a phone is used. */
    SKIP,
    /** The row's non-empty values replace the stored ones; within the file the last row of a phone is used. */
    UPDATE,
    /** Fill what the lead lacks, union list fields, keep stored non-empty values; file rows combine in order. */
    MERGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DuplicatePolicy parse(String value) {
        for (DuplicatePolicy p : values()) {
            if (p.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return p;
            }
        }
        throw new ValidationException("unknown duplicate policy '" + value + "' (skip, update, merge)");
    }
}
