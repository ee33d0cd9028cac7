package io.moked.vad;

/**
 * What the VAD tells the call pipeline. Times are milliseconds of call audio since the {@link VadProcessor}
 * started; {@code atMs} is when the decision was made (end of the chunk that triggered it), the other times say
 * where the speech is. Audio is mono float PCM at 16 kHz in [-1, 1] (what speech-to-text takes).
 */
public sealed interface VadEvent {
    long atMs();

    /** Caller speech has gone on for the barge-in onset time: interrupt the agent if it is talking. */
    record SpeechOnset(long speechStartMs, long atMs) implements VadEvent {
    }

    /**
     * Speech confirmed as a caller turn.
     *
     * @param audio16k pre-roll plus the speech so far (starts at {@code audioStartMs})
     */
    record SpeechStarted(long speechStartMs, long atMs, long audioStartMs, float[] audio16k) implements VadEvent {
    }

    /**
     * End of the caller's turn: the whole segment for speech-to-text.
     *
     * @param audio16k pre-roll, speech and trailing pad, starting at {@code audioStartMs}
     */
    record SpeechStopped(long speechStartMs, long speechEndMs, long atMs, long audioStartMs, float[] audio16k,
            TurnDetector.StopReason reason) implements VadEvent {
        public long audioDurationMs() {
            return audio16k.length / 16L;
        }
    }

    /**
     * A confirmed turn paused (a short silence, not yet the end of the turn): its audio so far, cut like
     * {@link SpeechStopped}'s would be if the turn ended here, for speculative speech-to-text.
     */
    record SpeechPaused(long speechStartMs, long speechEndMs, long atMs, long audioStartMs, float[] audio16k)
            implements VadEvent {
    }

    /** Speech came back after a {@link SpeechPaused} of the same turn: the turn did not end at that pause. */
    record SpeechResumed(long speechStartMs, long atMs) implements VadEvent {
    }

    /** A short burst that did not become a turn (a cough, a click); any onset it caused was a false alarm. */
    record SpeechDiscarded(long speechStartMs, long atMs) implements VadEvent {
    }
}
