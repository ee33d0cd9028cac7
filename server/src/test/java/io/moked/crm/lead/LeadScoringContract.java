package io.moked.crm.lead;

import io.moked.crm.audit.AuditEntry;
import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.error.ValidationException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every lead write recomputes the score from the tenant's rules; a changed score is audited with before/after. */
abstract class LeadScoringContract extends DbTestBase {
    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    AuditService audit;

    @Test
    void scoreFollowsEveryChangeAndIsAudited() {
        Tenant t = Fixtures.tenant(tenants, "score-co", "+97235558100");
        Lead lead = leads.upsert(t, new LeadUpsert("+972545558100", null, null, LeadSource.CALL), "agent");
        assertEquals(0, lead.score());
        assertEquals(Tier.COLD, lead.tier());

        Lead warm = leads.update(t, lead.id(), LeadPatch.qualification(Map.of("timeline", "asap", "has_agent", "no")),
                "agent");
        assertEquals(50, warm.score());
        assertEquals(Tier.WARM, warm.tier());
        Lead hot = leads.update(t, lead.id(), LeadPatch.qualification(Map.of("pre_approved", "yes",
                "budget", "2500000")), "agent");
        assertEquals(90, hot.score());
        assertEquals(Tier.HOT, hot.tier());
        // a name changes nothing in the score: no score audit for it
        leads.upsert(t, new LeadUpsert("+972545558100", "יעל", null, LeadSource.CALL), "agent");
        Lead cooler = leads.update(t, lead.id(), LeadPatch.qualification(Map.of("pre_approved", "")), "dana");
        assertEquals(65, cooler.score());
        assertEquals(Tier.WARM, cooler.tier());

        List<AuditEntry> scores = audit.forTenant(t, 50).stream().filter(e -> e.action().equals("lead.score"))
                .toList();
        assertEquals(3, scores.size(), "one entry per score change, newest first: " + scores);
        AuditEntry last = scores.get(0);
        assertEquals("dana", last.actor());
        assertEquals(String.valueOf(lead.id()), last.entityId());
        assertTrue(last.before().contains("\"score\":90") && last.before().contains("\"tier\":\"hot\""),
                last.before());
        assertTrue(last.after().contains("\"score\":65") && last.after().contains("\"tier\":\"warm\""), last.after());

        ValidationException manual = assertThrows(ValidationException.class, () -> leads.update(t, lead.id(),
                new LeadPatch(null, null, null, null, 99, Tier.HOT), "dana"));
        assertTrue(manual.getMessage().contains("scoring"), manual.getMessage());
        assertEquals(65, leads.get(t, lead.id()).score());
    }
}
