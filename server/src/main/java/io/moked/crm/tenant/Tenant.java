package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant (one business) as services hand it out. Tenant-owned service methods take this record and filter by
 * {@link #id()}. The Twilio auth token is never part of it (see {@link TenantService#twilioCredentials}).
 *
 * @param messages           fixed phrases by key (busy, voicemail-prompt, apology, ...), see application.yml
 * @param dtmfActions        keypad digit to action id ({@link DtmfAction})
 * @param endOfTurnSilenceMs per-tenant VAD end-of-turn override; null = engine default
 * @param voice              TTS voice id; null = appliance default
 * @param persona            qualification questions, escalation phrases, tone... (every field set)
 * @param scoring            how lead scores are computed (every field set)
 */
@Serdeable
public record Tenant(long id,
                     String slug,
                     String businessName,
                     String assistantName,
                     String locale,
                     String timeZone,
                     String greetingTemplate,
                     BusinessHours businessHours,
                     int meetingMinutes,
                     @Nullable String transferNumber,
                     boolean recordingEnabled,
                     int retentionDays,
                     int maxConcurrentCalls,
                     @Nullable Integer endOfTurnSilenceMs,
                     Map<String, String> dtmfActions,
                     Map<String, String> messages,
                     @Nullable String voice,
                     @Nullable String twilioAccountSid,
                     boolean twilioConfigured,
                     List<String> phoneNumbers,
                     Instant createdAt,
                     Instant updatedAt,
                     Persona persona,
                     ScoringRules scoring) {

    public ZoneId zoneId() {
        return ZoneId.of(timeZone);
    }

    public Locale javaLocale() {
        return Locale.forLanguageTag(locale);
    }

    public Optional<String> message(String key) {
        return Optional.ofNullable(messages.get(key));
    }

    public Optional<DtmfAction> dtmfAction(char digit) {
        return Optional.ofNullable(dtmfActions.get(String.valueOf(digit))).map(DtmfAction::parse);
    }
}
