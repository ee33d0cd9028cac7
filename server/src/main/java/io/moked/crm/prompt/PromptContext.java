package io.moked.crm.prompt;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Per-call values for {@link PromptService#render}. Tenant values (names, hours, persona...) come from the tenant
 * itself; {@code io.moked.agent.tools.CallerContext} builds a full context for a known lead.
 *
 * @param now            call start (today/weekday/now are shown in the tenant's time zone)
 * @param callerPhone    E.164 or null when withheld
 * @param callerName     known lead name or null (a returning caller: the greeting is the returning variant)
 * @param leadDetails    known facts about the caller ("budget: 2.5M", ...), in order; may be empty
 * @param knownFields    the lead's known fields for {{lead_known_fields}} (name, email, qualification), in order
 * @param meetings       the caller's upcoming meetings, one line each; may be empty
 * @param earlierCalls   summaries of the caller's earlier calls, newest first; may be empty
 * @param availableSlots free slots, tenant-local "YYYY-MM-DDTHH:MM"; may be empty
 */
public record PromptContext(Instant now, @Nullable String callerPhone, @Nullable String callerName,
                            Map<String, String> leadDetails, Map<String, String> knownFields, List<String> meetings,
                            List<String> earlierCalls, List<String> availableSlots) {

    public PromptContext {
        leadDetails = leadDetails == null ? Map.of() : leadDetails;
        knownFields = knownFields == null ? Map.of() : knownFields;
        meetings = meetings == null ? List.of() : List.copyOf(meetings);
        earlierCalls = earlierCalls == null ? List.of() : List.copyOf(earlierCalls);
        availableSlots = availableSlots == null ? List.of() : List.copyOf(availableSlots);
    }

    /** Only what the call path knows at answer time: the receptionist values are empty. */
    public PromptContext(Instant now, @Nullable String callerPhone, @Nullable String callerName,
                         Map<String, String> leadDetails) {
        this(now, callerPhone, callerName, leadDetails, leadDetails, List.of(), List.of(), List.of());
    }

    public static PromptContext at(Instant now) {
        return new PromptContext(now, null, null, Map.of());
    }
}
