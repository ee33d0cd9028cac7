package io.moked.call;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.moked.pipeline.CallEnd;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRegistryTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private CallRegistry registry(int globalLimit) {
        CallConfig config = new CallConfig(globalLimit, 30_000, "he", "he-IL", "sorry", 20, 60, 3000, 120, 0.4, 300,
                40, 3, "[{digit}]", 0, 2, 4, 4, "", Map.of());
        return new CallRegistry(config, meters);
    }

    @Test
    void admitsUpToTheTenantAndGlobalLimits() {
        CallRegistry registry = registry(3);
        assertInstanceOf(CallRegistry.Admitted.class, registry.admit("CA1", 1, "a", 2, "t1"));
        assertInstanceOf(CallRegistry.Admitted.class, registry.admit("CA2", 1, "a", 2, "t1"));
        CallRegistry.Refused tenantFull = assertInstanceOf(CallRegistry.Refused.class,
                registry.admit("CA3", 1, "a", 2, "t1"));
        assertEquals(CallRegistry.Refusal.TENANT_LIMIT, tenantFull.reason());
        assertInstanceOf(CallRegistry.Admitted.class, registry.admit("CA4", 2, "b", 5, "t2"));
        CallRegistry.Refused globalFull = assertInstanceOf(CallRegistry.Refused.class,
                registry.admit("CA5", 2, "b", 5, "t2"));
        assertEquals(CallRegistry.Refusal.GLOBAL_LIMIT, globalFull.reason());
        assertEquals(1, meters.find("moked.calls.admission.rejected").tag("limit", "tenant").counter().count());
        assertEquals(1, meters.find("moked.calls.admission.rejected").tag("limit", "global").counter().count());
        assertEquals(3, meters.find("moked.calls.active").gauge().value());

        registry.release("CA1");
        assertInstanceOf(CallRegistry.Admitted.class, registry.admit("CA3", 1, "a", 2, "t1"));
    }

    @Test
    void aRepeatedWebhookKeepsItsSlotAndStreamsStartOnce() {
        CallRegistry registry = registry(1);
        CallSlot slot = ((CallRegistry.Admitted) registry.admit("CA1", 1, "a", 1, "t")).slot();
        assertSame(slot, ((CallRegistry.Admitted) registry.admit("CA1", 1, "a", 1, "t")).slot());
        assertEquals(1, registry.awaitingStream().size());
        assertTrue(slot.markStreaming());
        assertTrue(!slot.markStreaming(), "a second stream for the same call is refused");
        assertTrue(registry.awaitingStream().isEmpty());
    }

    @Test
    void aTransferIsHandedOutOnce() {
        CallRegistry registry = registry(1);
        CallSlot slot = ((CallRegistry.Admitted) registry.admit("CA1", 1, "a", 1, "t")).slot();
        slot.plan(TestPlans.plan(1, "CA1"));
        slot.end(CallEnd.TRANSFERRED);
        registry.release("CA1");
        CallSlot ended = registry.takeEnded("CA1", 1).orElseThrow();
        assertEquals(CallEnd.TRANSFERRED, ended.ending().orElseThrow());
        assertEquals("+972502345678", ended.plan().transferNumber());
        assertTrue(registry.takeEnded("CA1", 1).isEmpty());
    }

    @Test
    void aVoicemailRequestIsHandedOutOnce() {
        CallRegistry registry = registry(1);
        assertFalse(registry.takeEnded("CA2", 1).isPresent());
        CallSlot slot = ((CallRegistry.Admitted) registry.admit("CA2", 1, "a", 1, "t")).slot();
        slot.end(CallEnd.VOICEMAIL);
        assertEquals(CallEnd.VOICEMAIL, registry.takeEnded("CA2", 1).flatMap(CallSlot::ending).orElseThrow());
        assertFalse(registry.takeEnded("CA2", 1).isPresent());
        assertFalse(registry.takeEnded(null, 1).isPresent());
    }

    @Test
    void theFirstEndingOfACallWinsAndOnlyItsTenantLearnsWhatFollows() {
        CallRegistry registry = registry(2);
        CallSlot slot = ((CallRegistry.Admitted) registry.admit("CA3", 1, "a", 1, "t")).slot();
        assertTrue(slot.ending().isEmpty());
        assertEquals(CallEnd.TRANSFERRED, slot.end(CallEnd.TRANSFERRED));
        assertEquals(CallEnd.TRANSFERRED, slot.end(CallEnd.SOCKET_CLOSED), "a later ending does not replace it");
        registry.release("CA3");
        assertTrue(registry.find("CA3").isEmpty(), "released: no longer a live call");
        assertFalse(registry.takeEnded("CA3", 2).isPresent(), "another tenant's callback learns nothing");
        assertTrue(registry.takeEnded("CA3", 1).isPresent(), "nor does it use up the real one");
    }
}
