package io.moked.vad;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code moked.vad.*}: appliance-wide VAD settings (see application.yml). The end-of-turn silence set here is the
 * default; a tenant's own value replaces it per call ({@link VadParams#withEndOfTurnSilenceMs(int)}).
 *
 * @param sampleRateHz rate Silero runs at: 8000 (default, phone audio as it arrives) or 16000 (upsampled)
 * @param batch whether calls share Silero inferences (default true): the chunks go to the process-wide
 *     {@link VadBatcher} without holding the pipeline thread (see {@link SileroVadModel#startBatcher})
 * @param batchWindowMs how long the batcher waits for more calls' chunks after the first (default 4; no wait when
 *     fewer than two calls are open)
 */
@ConfigurationProperties("moked.vad")
public record VadConfig(
        @Bindable(defaultValue = "8000") int sampleRateHz,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_START_THRESHOLD) float startThreshold,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_STOP_THRESHOLD) float stopThreshold,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_PRE_ROLL_MS) int preRollMs,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_MIN_SPEECH_MS) int minSpeechMs,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_END_OF_TURN_SILENCE_MS) int endOfTurnSilenceMs,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_BARGE_IN_ONSET_MS) int bargeInOnsetMs,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_TRAILING_PAD_MS) int trailingPadMs,
        @Bindable(defaultValue = "" + VadParams.DEFAULT_MAX_SPEECH_MS) int maxSpeechMs,
        @Bindable(defaultValue = "true") boolean batch,
        @Bindable(defaultValue = "" + DEFAULT_BATCH_WINDOW_MS) int batchWindowMs) {

    public static final int DEFAULT_BATCH_WINDOW_MS = 4;

    public VadConfig {
        if (sampleRateHz != 8000 && sampleRateHz != 16000) {
            throw new IllegalArgumentException("moked.vad.sample-rate-hz must be 8000 or 16000, got " + sampleRateHz);
        }
        if (batchWindowMs < 0 || batchWindowMs > 32) {
            // more than a chunk (32 ms) would delay every call's analysis by more than it saves
            throw new IllegalArgumentException("moked.vad.batch-window-ms must be 0..32, got " + batchWindowMs);
        }
        // fail at startup, not on the first call, when the thresholds or durations do not fit together
        new VadParams(startThreshold, stopThreshold, preRollMs, minSpeechMs, endOfTurnSilenceMs, bargeInOnsetMs,
                trailingPadMs, maxSpeechMs);
    }

    public VadParams params() {
        return new VadParams(startThreshold, stopThreshold, preRollMs, minSpeechMs, endOfTurnSilenceMs,
                bargeInOnsetMs, trailingPadMs, maxSpeechMs);
    }
}
