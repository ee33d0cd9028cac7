package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One utterance (or tool exchange) of a call, in order.
 *
 * @param startMs   offset from call start
 * @param latencyMs for assistant turns: end of the caller's speech to the first assistant audio
 * @param stages    for assistant turns: where that latency went, stage by stage; null when not recorded
 * @param resumed   an assistant turn that resumed the previous (interrupted) reply after a false interruption
 */
@Serdeable
public record CallTurn(long id, long callId, int seq, TurnRole role, String text, @Nullable Long startMs,
                       @Nullable Long endMs, @Nullable Double sttConfidence, boolean interrupted,
                       @Nullable Integer latencyMs, @Nullable TurnStages stages, Instant createdAt,
                       boolean resumed) {
}
