package io.moked.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import io.moked.pipeline.CallEnd;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The calls this appliance is handling, with admission control: a call is admitted at the voice webhook only while
 * the global and the tenant's concurrent-call limits allow; its slot is held until the call ends (or, when Twilio
 * never opens the media stream, until the start timeout). Thread-safe; admission is atomic.
 */
@Singleton
public class CallRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CallRegistry.class);

    /** How long an ended call waits for Twilio's Connect action callback (what follows the stream). */
    private static final long ENDED_KEEP_MS = 300_000;

    private final CallConfig config;
    private final Map<String, CallSlot> calls = new ConcurrentHashMap<>();
    /** Calls ended by the agent in a way that decides what follows the stream, with when they ended (nanoTime). */
    private final Map<String, Ended> ended = new ConcurrentHashMap<>();
    private final Counter rejectedGlobal;
    private final Counter rejectedTenant;

    public CallRegistry(CallConfig config, MeterRegistry meters) {
        this.config = config;
        Gauge.builder("moked.calls.active", calls, Map::size).description("calls admitted and not ended")
                .register(meters);
        this.rejectedGlobal = Counter.builder("moked.calls.admission.rejected").tag("limit", "global")
                .description("calls refused because the appliance was at its concurrent-call limit").register(meters);
        this.rejectedTenant = Counter.builder("moked.calls.admission.rejected").tag("limit", "tenant")
                .description("calls refused because the tenant was at its concurrent-call limit").register(meters);
    }

    /** Why a call was not admitted. */
    public enum Refusal { GLOBAL_LIMIT, TENANT_LIMIT }

    public sealed interface Admission permits Admitted, Refused {
    }

    public record Admitted(CallSlot slot) implements Admission {
    }

    public record Refused(Refusal reason, int active, int limit) implements Admission {
    }

    /**
     * Reserves a slot for a call. A repeated webhook for the same call SID gets the slot it already has.
     *
     * @param tenantLimit the tenant's max concurrent calls (0 or less = only the global limit applies)
     */
    public synchronized Admission admit(String callSid, long tenantId, String tenantSlug, int tenantLimit,
                                        String authToken) {
        CallSlot existing = calls.get(callSid);
        if (existing != null) {
            return new Admitted(existing);
        }
        int active = calls.size();
        if (active >= config.maxConcurrentCalls()) {
            rejectedGlobal.increment();
            return new Refused(Refusal.GLOBAL_LIMIT, active, config.maxConcurrentCalls());
        }
        int tenantActive = activeForTenant(tenantId);
        if (tenantLimit > 0 && tenantActive >= tenantLimit) {
            rejectedTenant.increment();
            return new Refused(Refusal.TENANT_LIMIT, tenantActive, tenantLimit);
        }
        CallSlot slot = new CallSlot(callSid, tenantId, tenantSlug, authToken, System.nanoTime());
        calls.put(callSid, slot);
        return new Admitted(slot);
    }

    public Optional<CallSlot> find(String callSid) {
        return callSid == null ? Optional.empty() : Optional.ofNullable(calls.get(callSid));
    }

    /** Calls admitted whose media stream has not started yet (their tokens may sign a WebSocket upgrade). */
    public List<CallSlot> awaitingStream() {
        return calls.values().stream().filter(slot -> !slot.streaming()).toList();
    }

    public Collection<CallSlot> all() {
        return List.copyOf(calls.values());
    }

    public int active() {
        return calls.size();
    }

    public int activeForTenant(long tenantId) {
        int n = 0;
        for (CallSlot slot : calls.values()) {
            if (slot.tenantId() == tenantId) {
                n++;
            }
        }
        return n;
    }

    /**
     * Frees the call's slot; safe to call more than once. A call whose ending decides what follows the stream
     * (transfer, voicemail) stays known to {@link #takeEnded} for a while.
     */
    public void release(String callSid) {
        CallSlot slot = callSid == null ? null : calls.remove(callSid);
        if (slot != null && slot.ending().map(end -> end.next() != CallEnd.Next.HANG_UP).orElse(false)) {
            ended.put(callSid, new Ended(slot, System.nanoTime()));
        }
    }

    /**
     * A call of {@code tenantId} whose ending decides what follows its stream (Twilio's Connect action), handed
     * out once: the slot, live or just ended, with its decided {@link CallSlot#ending()}. Empty for an unknown call,
     * a call of another tenant, a call not ended yet, or when it was already handed out.
     */
    public Optional<CallSlot> takeEnded(String callSid, long tenantId) {
        if (callSid == null) {
            return Optional.empty();
        }
        Ended recent = ended.get(callSid);
        CallSlot slot = recent != null ? recent.slot() : calls.get(callSid);
        if (slot == null || slot.tenantId() != tenantId || slot.takeEndingForNextStep().isEmpty()) {
            return Optional.empty();
        }
        ended.remove(callSid);
        return Optional.of(slot);
    }

    private record Ended(CallSlot slot, long endedNanos) {
    }

    /** Frees slots of calls whose media stream never started (Twilio gave up, or the caller hung up at once). */
    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void expireUnstarted() {
        long now = System.nanoTime();
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.streamStartTimeoutMs());
        for (CallSlot slot : calls.values()) {
            if (!slot.streaming() && now - slot.admittedNanos() > timeout) {
                LOG.warn("call {} of tenant {}: media stream did not start within {} ms, slot freed",
                        slot.callSid(), slot.tenantSlug(), config.streamStartTimeoutMs());
                calls.remove(slot.callSid(), slot);
            }
        }
        long keep = TimeUnit.MILLISECONDS.toNanos(ENDED_KEEP_MS);
        ended.values().removeIf(e -> now - e.endedNanos() > keep);
    }
}
