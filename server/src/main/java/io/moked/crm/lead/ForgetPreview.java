package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** What {@link LeadForgetService#forget} would erase for a phone number (shown before asking to confirm). */
@Serdeable
public record ForgetPreview(String phone, @Nullable Long leadId, @Nullable String name, int calls, int turns,
                            int recordings, int meetings, int notes) {
}
