package io.moked.crm.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

@MappedEntity("audit_log")
record AuditEntity(@Id @GeneratedValue @Nullable Long id,
                   @Nullable Long tenantId,
                   String actor,
                   String action,
                   String entity,
                   @Nullable String entityId,
                   @Nullable @MappedProperty("before_json") String beforeJson,
                   @Nullable @MappedProperty("after_json") String afterJson,
                   Instant at) {
}
