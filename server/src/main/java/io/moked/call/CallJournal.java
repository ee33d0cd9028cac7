package io.moked.call;

import io.moked.pipeline.reply.TurnLatency;

/**
 * What a live call writes to the database as it happens (a crash mid-call loses nothing already said). Blocking:
 * called on the persistence executor, never on the audio path. The appliance's implementation is
 * {@link CrmCallJournal}.
 */
public interface CallJournal {
    /** One turn of the conversation. */
    void turn(CallPlan call, Turn turn);

    /**
     * An assistant turn whose text is known, before it is heard: stored at once so a crash mid-reply keeps it.
     *
     * @return the stored turn's id, to pass to {@link #speaking} and {@link #spoken}; -1 when this journal keeps
     *         no turns being spoken (the turn is then written whole by {@link #turn} once heard)
     */
    default long startSpeaking(CallPlan call, String text) {
        return -1;
    }

    /** A turn being spoken: what the agent is saying ({@code text}) and what the caller heard of it so far. */
    default void speaking(CallPlan call, long turnId, String text, String heardText) {
    }

    /** A turn started by {@link #startSpeaking} was spoken; {@code turn} is written as {@link #turn} would. */
    default void spoken(CallPlan call, long turnId, Turn turn) {
        turn(call, turn);
    }

    /** Nothing of a turn started by {@link #startSpeaking} was heard: it is not kept. */
    default void unheard(CallPlan call, long turnId) {
    }

    /** Where the call's recording is. */
    void recording(CallPlan call, String location);

    /** What happened to the caller's frames (received, lost, duplicate, dropped); before {@link #callEnded}. */
    default void inboundFrames(CallPlan call, InboundTimeline.Stats frames) {
    }

    /** The media stream is over. */
    void callEnded(CallPlan call, String reason);

    /**
     * @param startMs    offset from the stream start
     * @param confidence STT confidence of a caller turn, else null
     * @param latencyMs  end of caller speech → first agent audio of an assistant turn, else null
     * @param stages     where an assistant turn's latency went, else null
     */
    record Turn(Role role, String text, long startMs, long endMs, Double confidence, boolean interrupted,
                Integer latencyMs, TurnLatency.Stages stages) {
    }

    /** TOOL: a tool call and its result as JSON ({@code {"tool","arguments","result"}}), no audio offsets. */
    enum Role { USER, ASSISTANT, TOOL }
}
