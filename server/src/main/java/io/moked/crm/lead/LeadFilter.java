package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Which leads of a tenant to list or export; null = no condition.
 *
 * @param status status code
 * @param since  leads changed (updated) at or after this instant
 * @param search part of the name or email (any case), or digits of the phone (a leading 0 is ignored, so
 *               "052-555" finds +97252555...)
 */
public record LeadFilter(@Nullable String status, @Nullable Tier tier, @Nullable Instant since,
                         @Nullable String search) {

    public static LeadFilter all() {
        return new LeadFilter(null, null, null, null);
    }
}
