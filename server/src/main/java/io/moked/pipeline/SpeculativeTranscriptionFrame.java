package io.moked.pipeline;

/**
 * What the caller said up to a pause in their turn (see {@link SpeechPausedFrame}), before the end of the turn is
 * confirmed: the agent may start the model on it, holding the answer back. If the turn ends at that pause, the
 * {@link TranscriptionFrame} that follows has the same start, end and text; if the caller goes on, none does.
 *
 * @param startOffsetMs stream position of the first sample of the turn
 * @param endOffsetMs   stream position where the speech paused
 */
public record SpeculativeTranscriptionFrame(String text, double confidence, String language, long startOffsetMs,
                                            long endOffsetMs) implements DataFrame {
    /** The confirmed transcription of the same audio (same turn, same pause, same words). */
    public boolean sameTurnAs(TranscriptionFrame t) {
        return t.startOffsetMs() == startOffsetMs && t.endOffsetMs() == endOffsetMs && text.equals(t.text());
    }
}
