package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("leads")
record LeadEntity(@Id @GeneratedValue @Nullable Long id,
                  long tenantId,
                  String phone,
                  @Nullable String name,
                  @Nullable String email,
                  String source,
                  String status,
                  String qualification,
                  @Nullable Integer score,
                  @Nullable String tier,
                  Instant createdAt,
                  Instant updatedAt) {
}
