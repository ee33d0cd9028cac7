package io.moked.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.core.annotation.Nullable;
import io.moked.pipeline.CallEnd;
import jakarta.inject.Inject;
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
 * never opens the media stream, until the start timeout). Thread-safe; admission is atomic. The global limit is
 * this appliance's; the tenant's limit is counted in the {@link LiveCallStore} over every appliance sharing the
 * database (without one, over this appliance's calls).
 */
@Singleton
public class CallRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CallRegistry.class);

    /** How long an ended call waits for Twilio's Connect action callback (what follows the stream). */
    private static final long ENDED_KEEP_MS = 300_000;

    private final CallConfig config;
    /** Null: this appliance's memory is the only record of live calls. */
    private final LiveCallStore store;
    private final Map<String, CallSlot> calls = new ConcurrentHashMap<>();
    /** Calls ended by the agent in a way that decides what follows the stream, with when they ended (nanoTime). */
    private final Map<String, Ended> ended = new ConcurrentHashMap<>();
    private final Counter rejectedGlobal;
    private final Counter rejectedTenant;

    /** A registry of this appliance alone (no database), as in unit tests of the call path. */
    CallRegistry(CallConfig config, MeterRegistry meters) {
        this(config, meters, null);
    }

    @Inject
    public CallRegistry(CallConfig config, MeterRegistry meters, @Nullable LiveCallStore store) {
        this.config = config;
        this.store = store;
        Gauge.builder("moked.calls.active", calls, Map::size).description("calls admitted and not ended")
                .register(meters);
        this.rejectedGlobal = Counter.builder("moked.calls.admission.rejected").tag("limit", "global")
                .description("calls refused because the appliance was at its concurrent-call limit").register(meters);
        this.rejectedTenant = Counter.builder("moked.calls.admission.rejected").tag("limit", "tenant")
                .description("calls refused because the tenant was at its concurrent-call limit").register(meters);
    }

    /** Why a call was not admitted. */
    public enum Refusal { GLOBAL_LIMIT, TENANT_LIMIT, LIVE_ON_OTHER_NODE }

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
        if (store == null) {
            int tenantActive = activeForTenant(tenantId);
            if (tenantLimit > 0 && tenantActive >= tenantLimit) {
                rejectedTenant.increment();
                return new Refused(Refusal.TENANT_LIMIT, tenantActive, tenantLimit);
            }
        } else {
            LiveCallStore.TenantAdmission tenant = store.admit(callSid, tenantId, tenantLimit);
            if (tenant.liveOn() != null) {
                LOG.warn("call {} is already live on node {}; refused here", callSid, tenant.liveOn());
                return new Refused(Refusal.LIVE_ON_OTHER_NODE, tenant.active(), tenantLimit);
            }
            if (!tenant.admitted()) {
                rejectedTenant.increment();
                return new Refused(Refusal.TENANT_LIMIT, tenant.active(), tenantLimit);
            }
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
        if (slot != null && store != null) {
            try {
                store.release(callSid);
            } catch (RuntimeException e) {
                LOG.error("call {}: its live-call row could not be removed (the node closes it on restart): {}",
                        callSid, e.getMessage());
            }
        }
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

    /**
     * Frees slots of calls whose media stream never started (Twilio gave up, or the caller hung up at once) and
     * closes those calls ({@code stream_not_started}).
     */
    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void expireUnstarted() {
        long now = System.nanoTime();
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.streamStartTimeoutMs());
        for (CallSlot slot : calls.values()) {
            if (!slot.streaming() && now - slot.admittedNanos() > timeout) {
                LOG.warn("call {} of tenant {}: media stream did not start within {} ms, slot freed",
                        slot.callSid(), slot.tenantSlug(), config.streamStartTimeoutMs());
                if (calls.remove(slot.callSid(), slot) && store != null) {
                    try {
                        store.close(slot.tenantSlug(), slot.callSid(), CallEnd.STREAM_NOT_STARTED.id());
                    } catch (RuntimeException e) {
                        LOG.error("call {}: could not be closed: {}", slot.callSid(), e.getMessage());
                    }
                }
            }
        }
        long keep = TimeUnit.MILLISECONDS.toNanos(ENDED_KEEP_MS);
        ended.values().removeIf(e -> now - e.endedNanos() > keep);
    }
}
