package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("lead_statuses")
record LeadStatusEntity(@Id @GeneratedValue @Nullable Long id, long tenantId, String code, String label, int position,
                        Instant createdAt) {
}
