package io.moked.pipeline;

/** Observer-only: something happened to the turn-taking that the metrics count. */
public record TurnEventFrame(Event event) implements SystemFrame {
    public enum Event {
        /** Caller speech onset cut a reply that was speaking. */
        INTERRUPTION,
        /** ... and no words followed (a cough, noise, a backchannel): the interruption was false. */
        FALSE_INTERRUPTION,
        /** A falsely interrupted reply was resumed from its first unheard sentence. */
        RESUME
    }
}
