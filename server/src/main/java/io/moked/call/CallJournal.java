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
