package io.moked.crm.lead;

import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.ScoringRules;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class LeadServiceContract extends DbTestBase {
    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    AuditService audit;

    @Test
    void upsertByPhoneCreatesOnceAndFillsMissingFields() {
        Tenant t = Fixtures.tenant(tenants, "lead-co", "+97235557000");
        Lead created = leads.upsert(t, new LeadUpsert("052-555-1234", null, null, LeadSource.CALL), "agent");
        assertEquals("+972525551234", created.phone());
        assertEquals("new", created.status());
        assertEquals(LeadSource.CALL, created.source());
        assertTrue(created.qualification().isEmpty());
        Lead again = leads.upsert(t, new LeadUpsert("+972525551234", "רון לוי", "ron@example.com", LeadSource.WHATSAPP),
                "agent");
        assertEquals(created.id(), again.id());
        assertEquals("רון לוי", again.name());
        assertEquals(LeadSource.CALL, again.source(), "source records the first contact");
        Lead same = leads.upsert(t, new LeadUpsert("0525551234", null, null, LeadSource.SMS), "agent");
        assertEquals("ron@example.com", same.email(), "null fields do not erase");
        assertEquals(1, leads.list(t, null, 10).size());
        assertEquals(created.id(), leads.findByPhone(t, "052 555 1234").orElseThrow().id());
        assertTrue(audit.forTenant(t, 50).stream().anyMatch(e -> e.action().equals("lead.create")
                && e.actor().equals("agent")));
    }

    @Test
    void updateMergesQualificationAndValidates() {
        // scores by hand: only with the tenant's scoring turned off (LeadScoringContract covers computed scores)
        Tenant t = tenants.create(new TenantSpec("qualify-co", "משרד", "נועה", null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of("+97235557100"), null,
                new ScoringRules(false, null, null, null, null, null, null, null, null, null)), Fixtures.ACTOR);
        Lead lead = leads.upsert(t, new LeadUpsert("+972545551234", "מיכל", null, LeadSource.CALL), "agent");
        Map<String, String> first = new LinkedHashMap<>();
        first.put("budget", "2,500,000");
        first.put("area", "פלורנטין");
        leads.update(t, lead.id(), LeadPatch.qualification(first), "agent");
        Map<String, String> second = new LinkedHashMap<>();
        second.put("rooms", "4");
        second.put("area", "");
        Lead updated = leads.update(t, lead.id(), new LeadPatch(null, null, "qualified", second, 80, Tier.HOT), "agent");
        assertEquals(Map.of("budget", "2,500,000", "rooms", "4"), updated.qualification());
        assertEquals("qualified", updated.status());
        assertEquals(80, updated.score());
        assertEquals(Tier.HOT, updated.tier());
        assertEquals("meeting-set", leads.setStatus(t, lead.id(), "meeting-set", "dana").status());
        assertEquals(List.of(lead.id()), leads.list(t, "meeting-set", 5).stream().map(Lead::id).toList());
        assertTrue(leads.list(t, "won", 5).isEmpty());

        ValidationException status = assertThrows(ValidationException.class,
                () -> leads.setStatus(t, lead.id(), "maybe", "dana"));
        assertTrue(status.getMessage().contains("new, contacted, qualified, meeting-set, won, lost"), status.getMessage());
        assertThrows(ValidationException.class,
                () -> leads.update(t, lead.id(), new LeadPatch(null, null, null, null, 101, null), "dana"));
        assertThrows(ValidationException.class,
                () -> leads.update(t, lead.id(), new LeadPatch(null, "not-an-email", null, null, null, null), "dana"));
        assertThrows(ValidationException.class,
                () -> leads.upsert(t, new LeadUpsert("123", null, null, LeadSource.CALL), "agent"));
        assertThrows(NotFoundException.class, () -> leads.get(t, 999_999));
        Lead reread = leads.get(t, lead.id());
        assertEquals(80, reread.score(), "failed updates change nothing");
        assertNull(reread.email());
    }
}
