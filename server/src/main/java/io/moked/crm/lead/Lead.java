package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * A lead of one tenant.
 *
 * @param status        a status code of the tenant ({@link LeadService#statuses})
 * @param qualification what the assistant learnt (budget, area, rooms, timeline, mortgage, ...)
 * @param score         0–100, null until scored
 */
@Serdeable
public record Lead(long id, long tenantId, String phone, @Nullable String name, @Nullable String email,
                   LeadSource source, String status, Map<String, String> qualification, @Nullable Integer score,
                   @Nullable Tier tier, Instant createdAt, Instant updatedAt) {
}
