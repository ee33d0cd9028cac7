package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;

/**
 * What happened to one {@link ImportRow}.
 *
 * @param after the lead's values after the row (null when skipped)
 */
public record ImportOutcome(long line, String phone, Kind kind, @Nullable LeadValues after) {

    public enum Kind {
        /** A new lead (source import). */
        CREATED,
        /** An existing lead changed. */
        UPDATED,
        /** An existing lead that the row would not change: nothing was written. */
        UNCHANGED,
        /** The phone is already a lead and the policy is skip. */
        SKIPPED_EXISTING
    }
}
