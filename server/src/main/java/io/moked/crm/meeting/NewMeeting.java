package io.moked.crm.meeting;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A meeting to book.
 *
 * @param endsAt null = startsAt + the tenant's meeting minutes
 * @param callId the call it was booked on, if any
 */
public record NewMeeting(long leadId, @Nullable Long callId, Instant startsAt, @Nullable Instant endsAt,
                         MeetingKind kind, @Nullable String address, @Nullable String notes) {
}
