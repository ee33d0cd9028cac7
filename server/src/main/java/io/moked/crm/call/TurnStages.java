package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where an assistant turn's latency went, in milliseconds; a stage the turn did not have is null (the greeting
 * has no caller speech and no model). Except {@code endOfSpeechMs}, the stages are consecutive and add up to the
 * turn's {@code latencyMs}; see docs/database.md.
 *
 * @param endOfSpeechMs    caller's last speech → the VAD's end-of-turn decision (the end-of-turn silence waited)
 * @param sttMs            VAD decision → transcript
 * @param llmFirstTokenMs  transcript → the model's first text
 * @param firstSentenceMs  first text → first sentence ready for TTS
 * @param ttsFirstAudioMs  first sentence → first TTS audio
 * @param firstFrameSentMs first TTS audio → first audio frame sent to the caller
 */
@Serdeable
public record TurnStages(@Nullable Integer endOfSpeechMs, @Nullable Integer sttMs,
                         @Nullable Integer llmFirstTokenMs, @Nullable Integer firstSentenceMs,
                         @Nullable Integer ttsFirstAudioMs, @Nullable Integer firstFrameSentMs) {
}
