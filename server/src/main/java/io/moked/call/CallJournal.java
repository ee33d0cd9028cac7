package io.moked.call;

import java.nio.file.Path;

/**
 * What the call path writes to the database, as it happens (a crash mid-call loses nothing already said). Blocking:
 * called on the persistence executor, never on the audio path. Every method takes the tenant.
 */
public interface CallJournal {
    /** The voice webhook admitted (or turned away) a call; idempotent per call SID. */
    void callStarted(long tenantId, String callSid, String from, String to, Long promptVersionId);

    /** The call is handled in degraded mode (voicemail instead of the assistant). */
    void callDegraded(long tenantId, String callSid, String reason);

    /** One turn of the conversation. */
    void turn(long tenantId, String callSid, Turn turn);

    /** Where the call's recording is. */
    void recording(long tenantId, String callSid, Path file);

    /** The media stream is over. */
    void callEnded(long tenantId, String callSid, String reason);

    /**
     * @param startMs      offset from the stream start
     * @param confidence   STT confidence of a caller turn, else null
     * @param latencyMs    end of caller speech → first agent audio of an assistant turn, else null
     */
    record Turn(Role role, String text, long startMs, long endMs, Double confidence, boolean interrupted,
                Integer latencyMs) {
    }

    enum Role { USER, ASSISTANT }
}
