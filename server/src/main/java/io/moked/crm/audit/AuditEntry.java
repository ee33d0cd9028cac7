package io.moked.crm.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One audited write. {@code before}/{@code after} are the JSON of the DTOs (null on create / delete). */
@Serdeable
public record AuditEntry(long id, @Nullable Long tenantId, String actor, String action, String entity,
                         @Nullable String entityId, @Nullable String before, @Nullable String after, Instant at) {
}
