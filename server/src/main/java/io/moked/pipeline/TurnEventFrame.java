package io.moked.pipeline;

/** Observer-only: something happened to the turn-taking that the metrics count. */
public record TurnEventFrame(Event event) implements SystemFrame {
    public enum Event {
        /** Caller speech onset cut a reply that was speaking. */
        INTERRUPTION,
        /** ... and no words followed (a cough, noise, a backchannel): the interruption was false. */
        FALSE_INTERRUPTION,
        /** A falsely interrupted reply was resumed from its first unheard sentence. */
        RESUME,
        /** A turn ended at the pause its speculative speech-to-text started at: the transcript was ready sooner. */
        SPECULATION_USED,
        /** The caller went on after a pause: its speculative speech-to-text was thrown away. */
        SPECULATION_DISCARDED,
        /** A turn ended as its speculative transcript said: the model's answer started at the pause was used. */
        LLM_SPECULATION_USED,
        /**
         * The model's answer started at a pause was thrown away (cancelled): the caller went on, the confirmed
         * words differ, or the history changed meanwhile.
         */
        LLM_SPECULATION_DISCARDED
    }
}
