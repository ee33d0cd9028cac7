package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A phone call of one tenant (CallSid from Twilio). Times are UTC. {@code recordingPath} is the appliance's own stereo
 * WAV; {@code voicemailUrl} is where Twilio keeps a voicemail the caller left. {@code summary} and {@code outcome}
 * are written after the call (a short model-written summary, never the transcript). The {@code frames*} counts are
 * the caller's media frames as the appliance counted them from Twilio's chunk numbers (null when the call never
 * streamed): lost = chunk numbers skipped, duplicate = seen again (dropped), dropped = audio ahead of real time.
 */
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
                   @Nullable String voicemailUrl,
                   @Nullable Integer voicemailSeconds,
                   Instant createdAt,
                   Instant updatedAt,
                   @Nullable String summary,
                   @Nullable CallOutcome outcome,
                   @Nullable Long framesReceived,
                   @Nullable Long framesLost,
                   @Nullable Long framesDuplicate,
                   @Nullable Long framesDropped) {
}
