package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Row of {@code tenant_phone_numbers}: an E.164 number routed to one tenant (unique across tenants). */
@MappedEntity("tenant_phone_numbers")
record TenantPhoneNumberEntity(@Id @GeneratedValue @Nullable Long id, long tenantId, String e164, Instant createdAt) {
}
