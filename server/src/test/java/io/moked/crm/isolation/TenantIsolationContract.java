package io.moked.crm.isolation;

import io.moked.crm.audit.AuditService;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallFilter;
import io.moked.crm.call.CallQueries;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallStatus;
import io.moked.crm.call.NewCall;
import io.moked.crm.call.NewTurn;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptContext;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.error.NotFoundException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant B tries to reach tenant A's leads, calls, turns and prompts through every service method, using A's ids,
 * CallSids, phone numbers and version numbers. Every attempt must fail (not found) or see nothing, and A's data
 * must be unchanged afterwards.
 */
abstract class TenantIsolationContract extends DbTestBase {
    private static final String SID_A = "CA-isolation-a";

    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    CallService calls;
    @Inject
    PromptService prompts;
    @Inject
    CallQueries callQueries;
    @Inject
    AuditService audit;

    Tenant a;
    Tenant b;
    Lead leadA;
    Call callA;
    Call callB;
    PromptVersion promptA;

    @BeforeAll
    void twoTenants() {
        a = Fixtures.tenant(tenants, "tenant-a", "+97235559000");
        b = Fixtures.tenant(tenants, "tenant-b", "+97235559100");
        leadA = leads.upsert(a, new LeadUpsert("+972525559999", "של א", null, LeadSource.CALL), "agent");
        leads.update(a, leadA.id(), LeadPatch.qualification(Map.of("budget", "3M")), "agent");
        callA = calls.create(a, NewCall.inbound(SID_A, "+972525559999", "+97235559000"));
        calls.appendTurn(a, callA.id(), NewTurn.user("סוד של א", 0, 1000, 0.9));
        calls.setRecordingPath(a, callA.id(), "recordings/a.wav");
        calls.end(a, callA.id(), Instant.parse("2020-01-01T00:00:00Z"), "caller-hangup");
        callB = calls.create(b, NewCall.inbound("CA-isolation-b", "+972525558888", "+97235559100"));
        promptA = prompts.push(a, Channel.VOICE, "prompt of A", null, "dana");
        prompts.push(a, Channel.VOICE, "prompt of A v2", null, "dana");
        prompts.activate(a, Channel.VOICE, 1, "dana");
        prompts.activate(a, Channel.VOICE, 2, "dana");
    }

    @Test
    void leadsOfAnotherTenantAreInvisible() {
        notFound(() -> leads.get(b, leadA.id()));
        notFound(() -> leads.update(b, leadA.id(), LeadPatch.status("won"), "intruder"));
        notFound(() -> leads.setStatus(b, leadA.id(), "won", "intruder"));
        assertTrue(leads.list(b, null, 100).isEmpty());
        assertTrue(leads.list(b, "new", 100).isEmpty());
        assertTrue(leads.findByPhone(b, leadA.phone()).isEmpty());
        Lead own = leads.upsert(b, new LeadUpsert(leadA.phone(), "של ב", null, LeadSource.CALL), "agent");
        assertNotEquals(leadA.id(), own.id(), "same phone in another tenant is another lead");

        Lead stillA = leads.get(a, leadA.id());
        assertEquals("של א", stillA.name());
        assertEquals("new", stillA.status());
        assertEquals(Map.of("budget", "3M"), stillA.qualification());
    }

    @Test
    void callsAndTurnsOfAnotherTenantAreInvisible() {
        notFound(() -> calls.get(b, callA.id()));
        notFound(() -> calls.getBySid(b, SID_A));
        notFound(() -> calls.updateStatus(b, SID_A, CallStatus.FAILED, 99, null));
        notFound(() -> calls.appendTurn(b, callA.id(), NewTurn.user("injected", 0, 1, 1.0)));
        notFound(() -> calls.turns(b, callA.id()));
        notFound(() -> calls.end(b, callA.id(), null, "intruder"));
        notFound(() -> calls.linkLead(b, callA.id(), leadA.id()));
        notFound(() -> calls.linkLead(b, callB.id(), leadA.id()));
        notFound(() -> calls.setPromptVersion(b, callA.id(), promptA.id()));
        notFound(() -> calls.setPromptVersion(b, callB.id(), promptA.id()));
        notFound(() -> calls.markDegraded(b, callA.id(), "intruder"));
        notFound(() -> calls.setRecordingPath(b, callA.id(), "/tmp/evil.wav"));
        notFound(() -> calls.markRecordingDeleted(b, callA.id(), "intruder"));
        assertEquals(1, calls.list(b, 100).size());
        assertEquals(callB.id(), calls.list(b, 100).get(0).id());
        assertTrue(calls.recordingsOlderThan(b, 0).isEmpty());
        assertEquals(1, calls.countActive(b));
        notFound(() -> callQueries.detail(b, SID_A));
        notFound(() -> callQueries.detail(b, Long.toString(callA.id())));
        assertEquals(java.util.List.of(callB.id()), callQueries.list(b, CallFilter.all(), 100, null).calls().stream()
                .map(Call::id).toList());
        assertTrue(callQueries.list(b, new CallFilter(null, null, null, "+972525559999"), 100, null).calls()
                .isEmpty(), "A's caller is not in B's calls");

        Call stillA = calls.get(a, callA.id());
        assertEquals(CallStatus.RINGING, stillA.status());
        assertEquals("recordings/a.wav", stillA.recordingPath());
        assertEquals("caller-hangup", stillA.endReason());
        assertEquals(1, calls.turns(a, callA.id()).size());
        assertEquals(1, calls.recordingsOlderThan(a, 2).size());
    }

    @Test
    void promptsOfAnotherTenantAreInvisible() {
        assertTrue(prompts.list(b, Channel.VOICE).isEmpty());
        assertTrue(prompts.active(b, Channel.VOICE).isEmpty());
        assertTrue(prompts.history(b, Channel.VOICE).isEmpty());
        assertTrue(prompts.byId(b, promptA.id()).isEmpty());
        notFound(() -> prompts.show(b, Channel.VOICE, 1));
        notFound(() -> prompts.diff(b, Channel.VOICE, 1, 2));
        notFound(() -> prompts.activate(b, Channel.VOICE, 1, "intruder"));
        notFound(() -> prompts.rollback(b, Channel.VOICE, "intruder"));
        notFound(() -> prompts.render(b, Channel.VOICE, PromptContext.at(Instant.now())));
        notFound(() -> prompts.render(b, Channel.VOICE, PromptContext.at(Instant.now()), 2));
        PromptVersion ownFirst = prompts.push(b, Channel.VOICE, "prompt of B", null, "dana");
        assertEquals(1, ownFirst.version(), "B's numbering is its own");

        assertEquals(2, prompts.active(a, Channel.VOICE).orElseThrow().version());
        assertEquals("prompt of A", prompts.show(a, Channel.VOICE, 1).body());
        assertEquals(2, prompts.list(a, Channel.VOICE).size());
    }

    @Test
    void auditLogIsPerTenant() {
        assertTrue(audit.forTenant(b, 500).stream().allMatch(e -> e.tenantId().equals(b.id())));
        assertTrue(audit.forTenant(a, 500).stream().noneMatch(e -> "intruder".equals(e.actor())));
    }

    private static void notFound(Executable attempt) {
        assertThrows(NotFoundException.class, attempt);
    }
}
