package io.moked.crm.meeting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("meetings")
record MeetingEntity(@Id @GeneratedValue @Nullable Long id,
                     long tenantId,
                     long leadId,
                     @Nullable Long callId,
                     Instant startsAt,
                     Instant endsAt,
                     String kind,
                     @Nullable String address,
                     @Nullable String notes,
                     String status,
                     Instant createdAt,
                     Instant updatedAt) {

    MeetingEntity withTimes(Instant newStart, Instant newEnd, Instant now) {
        return new MeetingEntity(id, tenantId, leadId, callId, newStart, newEnd, kind, address, notes, status,
                createdAt, now);
    }

    MeetingEntity withStatus(String newStatus, Instant now) {
        return new MeetingEntity(id, tenantId, leadId, callId, startsAt, endsAt, kind, address, notes, newStatus,
                createdAt, now);
    }
}
