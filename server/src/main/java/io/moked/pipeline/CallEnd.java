package io.moked.pipeline;

import java.util.Locale;

/**
 * How a call ended: the one vocabulary for the end frame, the agent's hang-up, the keypad, the tools, the stored
 * end reason ({@link #id()}, kept in {@code calls.end_reason}) and what Twilio does once the media stream is over
 * ({@link #next()}). A call has exactly one: the first one decided wins.
 */
public enum CallEnd {
    /**
     * The caller hung up (or Twilio ended the call): Twilio's {@code stop}, or its terminal status callback
     * ({@code completed}) while the stream is open — one reason however it is reported.
     */
    STREAM_STOPPED(Next.HANG_UP),
    /** The media socket closed without {@code stop}. */
    SOCKET_CLOSED(Next.HANG_UP),
    /** The assistant ended the call (the {@code end_call} tool or the tenant's hang-up key). */
    AGENT_HANGUP(Next.HANG_UP),
    /** The assistant handed the caller to a human: Twilio dials the tenant's transfer number. */
    TRANSFERRED(Next.DIAL_TRANSFER_NUMBER),
    /** The caller pressed the tenant's voicemail key: Twilio records a message. */
    VOICEMAIL(Next.RECORD_VOICEMAIL),
    /** The appliance restarted while the call was live (it is closed when the appliance comes back). */
    APPLIANCE_RESTART(Next.HANG_UP),
    /** The appliance is shutting down. */
    SHUTDOWN(Next.HANG_UP),
    /** The call could not go on because of a failure in the appliance. */
    ERROR(Next.HANG_UP);

    /** What Twilio's {@code <Connect action>} does after the media stream ended this way. */
    public enum Next { HANG_UP, DIAL_TRANSFER_NUMBER, RECORD_VOICEMAIL }

    private final Next next;

    CallEnd(Next next) {
        this.next = next;
    }

    /** The stored end reason, e.g. {@code stream_stopped}, {@code transferred}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Next next() {
        return next;
    }
}
