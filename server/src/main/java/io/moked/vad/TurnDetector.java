package io.moked.vad;

/**
 * Endpointing state machine over per-chunk speech probabilities; knows nothing about audio or models, so every
 * rule is testable with scripted probabilities. Times are milliseconds of stream time (the start of the first
 * chunk is 0 unless the caller says otherwise).
 *
 * <pre>
 *   SILENCE --p ≥ start--> CANDIDATE --voiced ≥ minSpeech--> SPEAKING --silence ≥ endOfTurn--> SILENCE (stopped)
 *                            |  voiced ≥ bargeInOnset: onset (once)      \--length ≥ maxSpeech--> SILENCE (stopped)
 *                            \--silence ≥ endOfTurn--> SILENCE (discarded)
 * </pre>
 * Within a segment a chunk counts as speech when p ≥ stop threshold (hysteresis), otherwise as silence.
 */
public final class TurnDetector {

    public enum State { SILENCE, CANDIDATE, SPEAKING }

    public enum StopReason {
        /** The caller was silent for the end-of-turn time. */
        END_OF_TURN,
        /** The segment reached the maximum length; speech may go on in a new segment. */
        MAX_LENGTH,
        /** The audio stream ended (call over) while the caller was speaking. */
        STREAM_ENDED
    }

    /** Receives the detector's decisions, in stream order. */
    public interface Listener {
        /** Enough speech for a barge-in; fires at most once per segment, before or with {@link #onStarted}. */
        void onOnset(long speechStartMs, long atMs);

        /** Speech confirmed as a turn (at least the minimum speech time). */
        void onStarted(long speechStartMs, long atMs);

        /** The turn ended: speech ran from {@code speechStartMs} to {@code speechEndMs} (end of last speech chunk). */
        void onStopped(long speechStartMs, long speechEndMs, long atMs, StopReason reason);

        /** A speech-like burst too short to be a turn ended; an onset may have fired for it. */
        void onDiscarded(long speechStartMs, long atMs);

        /**
         * A confirmed turn has been silent for the pause time (shorter than the end-of-turn silence): it may end
         * here, so work on it can start speculatively. Fires once per silence; the turn may still go on.
         */
        default void onPaused(long speechStartMs, long speechEndMs, long atMs) {
        }

        /**
         * Speech came back after an {@link #onPaused} of the same turn: the turn does not end at that pause, so
         * what was started on it speculatively can stop. Fires once per reported pause.
         */
        default void onResumed(long speechStartMs, long atMs) {
        }
    }

    private final VadParams params;
    private final Listener listener;

    private State state = State.SILENCE;
    private long speechStartMs;
    private long lastVoicedEndMs;
    private long voicedMs;
    private long silenceRunMs;
    private boolean onsetSent;
    private long nowMs;
    /** Silence after which {@link Listener#onPaused} fires; 0 = never. */
    private int pauseMs;
    /** {@link Listener#onPaused} fired in the current silence of the turn. */
    private boolean paused;

    public TurnDetector(VadParams params, Listener listener) {
        this.params = params;
        this.listener = listener;
    }

    public State state() {
        return state;
    }

    /** Reports a confirmed turn's silence of {@code ms} (0 = off; not less than the end-of-turn silence = off). */
    public void pauseAfterMs(int ms) {
        this.pauseMs = ms;
    }

    /** Stream time at the end of the last chunk seen. */
    public long nowMs() {
        return nowMs;
    }

    /** Speech start of the current segment (meaningful outside SILENCE). */
    public long speechStartMs() {
        return speechStartMs;
    }

    /** Feeds the probability of the chunk that runs from {@link #nowMs()} for {@code chunkMs}. */
    public void onChunk(float probability, int chunkMs) {
        long start = nowMs;
        long end = start + chunkMs;
        nowMs = end;
        switch (state) {
            case SILENCE:
                if (probability >= params.startThreshold()) {
                    state = State.CANDIDATE;
                    paused = false;
                    speechStartMs = start;
                    voicedMs = 0;
                    silenceRunMs = 0;
                    onsetSent = false;
                    voiced(end, chunkMs);
                }
                break;
            case CANDIDATE:
            case SPEAKING:
                if (probability >= params.stopThreshold()) {
                    voiced(end, chunkMs);
                } else {
                    silent(end, chunkMs);
                }
                break;
            default:
                throw new IllegalStateException("unknown state " + state);
        }
        if (state == State.SPEAKING && end - speechStartMs >= params.maxSpeechMs()) {
            state = State.SILENCE;
            listener.onStopped(speechStartMs, lastVoicedEndMs, end, StopReason.MAX_LENGTH);
        }
    }

    /** The stream ended: a confirmed turn in progress is handed on, an unconfirmed burst discarded. */
    public void finish() {
        if (state == State.SPEAKING) {
            listener.onStopped(speechStartMs, lastVoicedEndMs, nowMs, StopReason.STREAM_ENDED);
        } else if (state == State.CANDIDATE) {
            listener.onDiscarded(speechStartMs, nowMs);
        }
        state = State.SILENCE;
    }

    private void voiced(long end, int chunkMs) {
        voicedMs += chunkMs;
        silenceRunMs = 0;
        lastVoicedEndMs = end;
        if (paused) {
            paused = false;
            listener.onResumed(speechStartMs, end);
        }
        if (!onsetSent && voicedMs >= params.bargeInOnsetMs()) {
            onsetSent = true;
            listener.onOnset(speechStartMs, end);
        }
        if (state == State.CANDIDATE && voicedMs >= params.minSpeechMs()) {
            state = State.SPEAKING;
            listener.onStarted(speechStartMs, end);
        }
    }

    private void silent(long end, int chunkMs) {
        silenceRunMs += chunkMs;
        if (silenceRunMs < params.endOfTurnSilenceMs()) {
            if (state == State.SPEAKING && pauseMs > 0 && silenceRunMs >= pauseMs && silenceRunMs - chunkMs < pauseMs) {
                paused = true;
                listener.onPaused(speechStartMs, lastVoicedEndMs, end);
            }
            return;
        }
        if (state == State.SPEAKING) {
            state = State.SILENCE;
            listener.onStopped(speechStartMs, lastVoicedEndMs, end, StopReason.END_OF_TURN);
        } else {
            state = State.SILENCE;
            listener.onDiscarded(speechStartMs, end);
        }
    }
}
