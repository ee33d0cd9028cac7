package io.moked.call;

import io.moked.pipeline.CallEnd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A call's place in the {@link CallRegistry} from the voice webhook to its end, and a little after: how the call
 * ended is decided once here (the first decision wins), and what follows the stream (Twilio's Connect action) is
 * handed out once. The auth token is kept only in memory for the signature check of the media stream upgrade and
 * is never logged. The stream token binds the media stream to this call: it travels in the TwiML's
 * {@code <Parameter>} and must come back in the stream's {@code start} (the upgrade signature alone is the same
 * for every call of a tenant, so it could be replayed).
 */
public final class CallSlot {
    /** Random bytes of a stream token (256 bits). */
    private static final int STREAM_TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String callSid;
    private final long tenantId;
    private final String tenantSlug;
    private final String authToken;
    private final long admittedNanos;
    private volatile boolean streaming;
    private volatile CallPlan plan;
    private volatile CompletableFuture<CallPlan> planned;
    private volatile String from;
    private final AtomicReference<CallEnd> ending = new AtomicReference<>();
    private final AtomicBoolean nextStepTaken = new AtomicBoolean();
    private volatile CallSession session;
    private final String streamToken = newStreamToken();

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

    /** The secret the call's media stream must present in its {@code start}; never logged. */
    public String streamToken() {
        return streamToken;
    }

    /** Whether {@code presented} is this call's stream token (constant-time: no timing hints for guessing it). */
    public boolean streamTokenMatches(String presented) {
        return presented != null && MessageDigest.isEqual(streamToken.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String newStreamToken() {
        byte[] bytes = new byte[STREAM_TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public long admittedNanos() {
        return admittedNanos;
    }

    /**
     * The call's plan once it is ready, else null: the webhook answers right after admission and prepares the plan
     * in the background ({@link #planning}); the media stream's start waits for {@link #planned()}.
     */
    public CallPlan plan() {
        return plan;
    }

    public void plan(CallPlan plan) {
        this.plan = plan;
    }

    /**
     * The webhook answered the call with the media stream and prepares its plan: {@code planned} completes with it
     * (and sets {@link #plan()}), or fails when the call cannot run.
     *
     * @param from the caller's number as Twilio sent it, for a repeated webhook's answer
     */
    void planning(String from, CompletableFuture<CallPlan> planned) {
        this.from = from;
        this.planned = planned.thenApply(p -> {
            this.plan = p;
            return p;
        });
    }

    /**
     * Completes with the plan once it is ready (at once when it already is); empty when the webhook did not answer
     * this call with the media stream.
     */
    public Optional<CompletableFuture<CallPlan>> planned() {
        CallPlan ready = plan;
        if (ready != null) {
            return Optional.of(CompletableFuture.completedFuture(ready));
        }
        return Optional.ofNullable(planned);
    }

    /** Whether the webhook answered this call with the media stream and its plan is ready or still being made. */
    public boolean answered() {
        CompletableFuture<CallPlan> p = planned;
        return plan != null || p != null && !p.isCompletedExceptionally();
    }

    /** The caller's number as the webhook got it ({@link #planning}), else the plan's. */
    public String from() {
        CallPlan ready = plan;
        return ready != null ? ready.from() : from;
    }

    /** The live call once its media stream started, else null. */
    public CallSession session() {
        return session;
    }

    void session(CallSession session) {
        this.session = session;
    }

    /**
     * Records how the call ends. Only the first decision counts: a socket closing after the agent transferred the
     * call does not make it "socket closed".
     *
     * @return how the call ends (this decision, or the one made before)
     */
    public CallEnd end(CallEnd reason) {
        ending.compareAndSet(null, reason);
        return ending.get();
    }

    /** How the call ended, once decided. */
    public Optional<CallEnd> ending() {
        return Optional.ofNullable(ending.get());
    }

    /** How the call ended, for what follows the stream: handed out once (Twilio may ask again). */
    Optional<CallEnd> takeEndingForNextStep() {
        CallEnd end = ending.get();
        return end != null && nextStepTaken.compareAndSet(false, true) ? Optional.of(end) : Optional.empty();
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
