package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("calls")
record CallEntity(@Id @GeneratedValue @Nullable Long id,
                  long tenantId,
                  String callSid,
                  String fromNumber,
                  String toNumber,
                  String direction,
                  String status,
                  int statusRank,
                  int statusSeq,
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
                  @Nullable String outcome,
                  @Nullable Long framesReceived,
                  @Nullable Long framesLost,
                  @Nullable Long framesDuplicate,
                  @Nullable Long framesDropped) {
}
