package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A phone call of one tenant (CallSid from Twilio). Times are UTC. */
@Serdeable
public record Call(long id,
                   long tenantId,
                   String callSid,
                   String from,
                   String to,
                   Direction direction,
                   CallStatus status,
                   Instant statusAt,
                   Instant startedAt,
                   @Nullable Instant answeredAt,
                   @Nullable Instant endedAt,
                   @Nullable String endReason,
                   @Nullable Long leadId,
                   @Nullable Long promptVersionId,
                   @Nullable String recordingPath,
                   @Nullable Instant recordingDeletedAt,
                   boolean degraded,
                   @Nullable String degradedReason,
                   Instant createdAt,
                   Instant updatedAt) {
}
