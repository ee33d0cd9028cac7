package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * Partial lead update; null leaves a field as is. {@code qualification} is merged key by key and a blank value
 * removes that key.
 */
@Serdeable
public record LeadPatch(@Nullable String name, @Nullable String email, @Nullable String status,
                        @Nullable Map<String, String> qualification, @Nullable Integer score, @Nullable Tier tier) {

    public static LeadPatch status(String status) {
        return new LeadPatch(null, null, status, null, null, null);
    }

    public static LeadPatch qualification(Map<String, String> facts) {
        return new LeadPatch(null, null, null, facts, null, null);
    }
}
