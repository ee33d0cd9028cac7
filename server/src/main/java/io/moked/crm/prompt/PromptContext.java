package io.moked.crm.prompt;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * Per-call values for {@link PromptService#render}. Tenant values (names, hours...) come from the tenant itself.
 *
 * @param now         call start (today/weekday/now are shown in the tenant's time zone)
 * @param callerPhone E.164 or null when withheld
 * @param callerName  known lead name or null
 * @param leadDetails known facts about the caller ("budget: 2.5M", ...), in order; may be empty
 */
public record PromptContext(Instant now, @Nullable String callerPhone, @Nullable String callerName,
                            Map<String, String> leadDetails) {

    public static PromptContext at(Instant now) {
        return new PromptContext(now, null, null, Map.of());
    }
}
