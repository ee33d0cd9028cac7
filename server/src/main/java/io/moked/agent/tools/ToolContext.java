package io.moked.agent.tools;

import io.micronaut.core.annotation.Nullable;
import io.moked.crm.tenant.Tenant;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * What a tool call runs for: the tenant, the caller's lead (found or created by phone at call start), the call (null
 * in a chat without a call record), the clock (a test's or the appliance's) and the actor written to the audit log.
 */
public record ToolContext(Tenant tenant, long leadId, @Nullable Long callId, Clock clock, String actor) {

    public Instant now() {
        return clock.instant();
    }

    public ZonedDateTime localNow() {
        return now().atZone(tenant.zoneId());
    }
}
