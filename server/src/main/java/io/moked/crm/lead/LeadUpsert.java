package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Find-or-create by phone. On an existing lead, non-null name/email replace the stored ones and the source is kept
 * (it records the first contact).
 */
@Serdeable
public record LeadUpsert(String phone, @Nullable String name, @Nullable String email, LeadSource source) {
}
