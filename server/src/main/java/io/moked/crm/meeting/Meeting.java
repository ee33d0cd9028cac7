package io.moked.crm.meeting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A booked viewing or meeting of one tenant (UTC times; show them in the tenant's time zone). */
@Serdeable
public record Meeting(long id, long tenantId, long leadId, @Nullable Long callId, Instant startsAt, Instant endsAt,
                      MeetingKind kind, @Nullable String address, @Nullable String notes, MeetingStatus status,
                      Instant createdAt, Instant updatedAt) {
}
