package io.moked.call;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
                40, 3, "[{digit}]", 0, 2, 4, "", Map.of());
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
        registry.requestTransfer("CA1", "+972502345678");
        assertEquals("+972502345678", registry.takeTransfer("CA1").orElseThrow());
        assertTrue(registry.takeTransfer("CA1").isEmpty());
    }

    @Test
    void aVoicemailRequestIsHandedOutOnce() {
        CallRegistry registry = registry(1);
        assertFalse(registry.takeVoicemail("CA2"));
        registry.requestVoicemail("CA2");
        assertTrue(registry.takeVoicemail("CA2"));
        assertFalse(registry.takeVoicemail("CA2"));
        assertFalse(registry.takeVoicemail(null));
    }
}
