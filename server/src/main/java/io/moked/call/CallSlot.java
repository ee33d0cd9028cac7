package io.moked.call;

import io.moked.pipeline.EndFrame;

/**
 * A call's place in the {@link CallRegistry} from the voice webhook to its end. The auth token is kept only in
 * memory for the signature check of the media stream upgrade and is never logged.
 */
public final class CallSlot {
    private final String callSid;
    private final long tenantId;
    private final String tenantSlug;
    private final String authToken;
    private final long admittedNanos;
    private volatile boolean streaming;
    private volatile CallPlan plan;
    private volatile EndFrame.Reason agentEnded;
    private volatile CallSession session;

    CallSlot(String callSid, long tenantId, String tenantSlug, String authToken, long admittedNanos) {
        this.callSid = callSid;
        this.tenantId = tenantId;
        this.tenantSlug = tenantSlug;
        this.authToken = authToken;
        this.admittedNanos = admittedNanos;
    }

    public String callSid() {
        return callSid;
    }

    public long tenantId() {
        return tenantId;
    }

    public String tenantSlug() {
        return tenantSlug;
    }

    public String authToken() {
        return authToken;
    }

    public long admittedNanos() {
        return admittedNanos;
    }

    /** The call's plan, set by the webhook right after admission. */
    public CallPlan plan() {
        return plan;
    }

    public void plan(CallPlan plan) {
        this.plan = plan;
    }

    /** The live call once its media stream started, else null. */
    public CallSession session() {
        return session;
    }

    void session(CallSession session) {
        this.session = session;
    }

    /** Why the agent ended the stream (hang-up or transfer), or null when the caller or Twilio ended it. */
    public EndFrame.Reason agentEnded() {
        return agentEnded;
    }

    public void agentEnded(EndFrame.Reason reason) {
        this.agentEnded = reason;
    }

    public boolean streaming() {
        return streaming;
    }

    /** The media stream started; false if it already had (a second stream for one call is refused). */
    public synchronized boolean markStreaming() {
        if (streaming) {
            return false;
        }
        streaming = true;
        return true;
    }

    @Override
    public String toString() {
        return "CallSlot[" + callSid + ", tenant=" + tenantSlug + ", streaming=" + streaming + "]";
    }
}
