package io.moked.call;

import io.moked.crm.tenant.BusinessHours;
import io.moked.crm.tenant.Persona;
import io.moked.crm.tenant.ScoringRules;
import io.moked.crm.tenant.Tenant;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A call's plan for tests that need one without a database. */
final class TestPlans {
    static final String TRANSFER_NUMBER = "+972502345678";

    private TestPlans() {
    }

    static Tenant tenant(long id) {
        return new Tenant(id, "t" + id, "דירות הים", "נועה", "he-IL", "Asia/Jerusalem", "שלום",
                BusinessHours.parse(Map.of()), 30, TRANSFER_NUMBER, false, 30, 4, null,
                Map.of("0", "transfer"), Map.of(), null, "AC1", true, List.of("+97236091234"), Instant.EPOCH,
                Instant.EPOCH, Persona.empty(), ScoringRules.empty());
    }

    static CallPlan plan(long tenantId, String callSid) {
        return new CallPlan(tenant(tenantId), 1, 1, callSid, "+972502345679", "+97236091234", "prompt", "", "he",
                null, null, false, TRANSFER_NUMBER, Map.of("0", "transfer"), "sorry",
                CompletableFuture.completedFuture(null));
    }
}
