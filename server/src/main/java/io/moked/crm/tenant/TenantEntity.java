package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * Row of {@code tenants}. JSON columns are kept as text here; {@link TenantMapper} converts them. {@code persona} and
 * {@code scoring} are null for tenants created before they existed (the defaults apply).
 */
@MappedEntity("tenants")
record TenantEntity(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String businessName,
        String assistantName,
        String locale,
        String timeZone,
        String greetingTemplate,
        String businessHours,
        int meetingMinutes,
        @Nullable String transferNumber,
        boolean recordingEnabled,
        int retentionDays,
        int maxConcurrentCalls,
        @Nullable Integer endOfTurnSilenceMs,
        String dtmfActions,
        String messages,
        @Nullable String voice,
        @Nullable String twilioAccountSid,
        @Nullable String twilioAuthTokenRef,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String persona,
        @Nullable String scoring) {

    TenantEntity withTwilio(String accountSid, String tokenRef, Instant now) {
        return new TenantEntity(id, slug, businessName, assistantName, locale, timeZone, greetingTemplate,
                businessHours, meetingMinutes, transferNumber, recordingEnabled, retentionDays, maxConcurrentCalls,
                endOfTurnSilenceMs, dtmfActions, messages, voice, accountSid, tokenRef, createdAt, now, persona,
                scoring);
    }
}
