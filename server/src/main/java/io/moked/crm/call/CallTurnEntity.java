package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("call_turns")
record CallTurnEntity(@Id @GeneratedValue @Nullable Long id,
                      long callId,
                      long tenantId,
                      int seq,
                      String role,
                      String text,
                      @Nullable Long startMs,
                      @Nullable Long endMs,
                      @Nullable Double sttConfidence,
                      boolean interrupted,
                      @Nullable Integer latencyMs,
                      @Nullable Integer endOfSpeechMs,
                      @Nullable Integer sttMs,
                      @Nullable Integer llmFirstTokenMs,
                      @Nullable Integer firstSentenceMs,
                      @Nullable Integer ttsFirstAudioMs,
                      @Nullable Integer firstFrameSentMs,
                      boolean resumed,
                      Instant createdAt) {
}
