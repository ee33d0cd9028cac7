package io.moked.pipeline;

/**
 * What the caller said in one turn.
 *
 * @param endOfSpeechMs    end of the speech → the VAD's end-of-turn decision, in stream time
 * @param speechEndNanos   monotonic time the end of the turn was decided
 * @param transcribedNanos monotonic time the transcript was ready
 */
public record TranscriptionFrame(String text, double confidence, String language, long startOffsetMs,
                                 long endOffsetMs, long endOfSpeechMs, long speechEndNanos, long transcribedNanos)
        implements DataFrame {
}
