package io.moked.agent.tools;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.moked.crm.call.CallService;
import io.moked.crm.lead.Lead;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.prompt.PromptContext;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.meeting.AvailabilityService;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test stand-in ({@code moked.test.caller-memory-gate: true}): the real caller memory, held until the test opens
 * {@link #gate}, so a test can see what a call looks like while its plan is still being prepared.
 */
@Singleton
@Replaces(CallerMemory.class)
@Requires(property = "moked.test.caller-memory-gate", value = "true")
public class GatedCallerMemory extends CallerMemory {
    public final CompletableFuture<Void> gate = new CompletableFuture<>();
    /** Completes when a caller's history was first asked for (the preparation reached it). */
    public final CompletableFuture<Void> asked = new CompletableFuture<>();

    GatedCallerMemory(CallService calls, MeetingService meetings, AvailabilityService availability) {
        super(calls, meetings, availability);
    }

    @Override
    public PromptContext promptContext(Tenant tenant, Lead lead, @Nullable Long callId, Instant now) {
        asked.complete(null);
        try {
            gate.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test never opened the gate", e);
        }
        return super.promptContext(tenant, lead, callId, now);
    }
}
