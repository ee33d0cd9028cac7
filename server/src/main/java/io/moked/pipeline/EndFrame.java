package io.moked.pipeline;

/** The call is over: every processor stops its work, releases resources and forwards the frame. */
public record EndFrame(Reason reason) implements SystemFrame {
    public enum Reason {
        /** Twilio sent {@code stop}. */
        STREAM_STOPPED,
        /** The socket closed without {@code stop}. */
        SOCKET_CLOSED,
        /** The agent ended the call (end_call tool or the tenant's hang-up key). */
        AGENT_HANGUP,
        /** The agent handed the caller to a human (transfer tool or key). */
        TRANSFERRED,
        /** The caller pressed the tenant's voicemail key: Twilio records a message after the stream. */
        VOICEMAIL,
        /** The appliance is shutting down. */
        SHUTDOWN
    }
}
