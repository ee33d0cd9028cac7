package io.moked.vad;

/**
 * Endpointing settings. Thresholds apply to the per-chunk speech probability; durations are in milliseconds of
 * call audio. The defaults suit 8 kHz phone speech with Silero VAD (32 ms chunks); the end-of-turn silence is
 * usually overridden per tenant.
 *
 * @param startThreshold       probability at or above which a chunk can start speech
 * @param stopThreshold        once speech started, chunks at or above this still count as speech (hysteresis:
 *                             must be ≤ startThreshold) — below it they count as silence
 * @param preRollMs            audio kept from before the first speech chunk (the first phoneme is often quiet)
 * @param minSpeechMs          speech (voiced chunk time) needed before a segment is confirmed as a turn; shorter
 *                             bursts (clicks, coughs) are discarded
 * @param endOfTurnSilenceMs   silence after speech that ends the caller's turn
 * @param bargeInOnsetMs       voiced time after which the fast onset event fires (used to interrupt the agent)
 * @param trailingPadMs        audio kept after the last speech chunk in the segment handed to speech-to-text
 * @param maxSpeechMs          a segment is cut (and handed on) at this length, so endless noise or a monologue
 *                             never exceeds what speech-to-text accepts in one go
 */
public record VadParams(float startThreshold, float stopThreshold, int preRollMs, int minSpeechMs,
        int endOfTurnSilenceMs, int bargeInOnsetMs, int trailingPadMs, int maxSpeechMs) {

    public static final float DEFAULT_START_THRESHOLD = 0.5f;
    public static final float DEFAULT_STOP_THRESHOLD = 0.35f;
    public static final int DEFAULT_PRE_ROLL_MS = 300;
    public static final int DEFAULT_MIN_SPEECH_MS = 200;
    public static final int DEFAULT_END_OF_TURN_SILENCE_MS = 650;
    /**
     * One 32 ms Silero chunk: barge-in must be fast (issue 8: ≤ 150 ms p95 from the caller's first voiced frame to
     * {@code clear}; 120 ms of onset gave ~220 ms). A cough or click that clears the reply is no longer lost: the
     * interruption processor resumes the reply from its first unheard sentence when no words follow.
     */
    public static final int DEFAULT_BARGE_IN_ONSET_MS = 32;
    public static final int DEFAULT_TRAILING_PAD_MS = 100;
    /** Whisper decodes 30 s windows; leave room for pre-roll and padding. */
    public static final int DEFAULT_MAX_SPEECH_MS = 25_000;

    public static final VadParams DEFAULTS = new VadParams(DEFAULT_START_THRESHOLD, DEFAULT_STOP_THRESHOLD,
            DEFAULT_PRE_ROLL_MS, DEFAULT_MIN_SPEECH_MS, DEFAULT_END_OF_TURN_SILENCE_MS, DEFAULT_BARGE_IN_ONSET_MS,
            DEFAULT_TRAILING_PAD_MS, DEFAULT_MAX_SPEECH_MS);

    public VadParams {
        if (!(startThreshold > 0 && startThreshold <= 1)) {
            throw new IllegalArgumentException("startThreshold must be in (0, 1], got " + startThreshold);
        }
        if (!(stopThreshold > 0 && stopThreshold <= startThreshold)) {
            throw new IllegalArgumentException(
                    "stopThreshold must be in (0, startThreshold=" + startThreshold + "], got " + stopThreshold);
        }
        requireAtLeast("preRollMs", preRollMs, 0);
        requireAtLeast("minSpeechMs", minSpeechMs, 0);
        requireAtLeast("endOfTurnSilenceMs", endOfTurnSilenceMs, 1);
        requireAtLeast("bargeInOnsetMs", bargeInOnsetMs, 0);
        requireAtLeast("trailingPadMs", trailingPadMs, 0);
        if (trailingPadMs > endOfTurnSilenceMs) {
            throw new IllegalArgumentException("trailingPadMs (" + trailingPadMs
                    + ") cannot exceed endOfTurnSilenceMs (" + endOfTurnSilenceMs + ")");
        }
        if (maxSpeechMs <= minSpeechMs) {
            throw new IllegalArgumentException(
                    "maxSpeechMs (" + maxSpeechMs + ") must exceed minSpeechMs (" + minSpeechMs + ")");
        }
    }

    /** Same settings with another end-of-turn silence (the per-tenant knob). */
    public VadParams withEndOfTurnSilenceMs(int ms) {
        return new VadParams(startThreshold, stopThreshold, preRollMs, minSpeechMs, ms, bargeInOnsetMs,
                trailingPadMs, maxSpeechMs);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }
}
