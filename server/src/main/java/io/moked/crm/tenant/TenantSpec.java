package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What an admin gives to create a tenant (flags or {@code agentctl tenant create --from tenant.yaml}, see
 * config/examples/tenant.yaml). Null fields take the documented defaults under {@code moked.tenant-defaults}.
 *
 * @param businessHours day ("sunday".."saturday") to "09:00-13:00, 16:00-19:00" or "closed"
 * @param phoneNumbers  numbers routed to this tenant, any common format (normalised to E.164)
 * @param persona       the assistant's persona; fields left out take moked.tenant-defaults.persona
 * @param scoring       lead-scoring rules; fields left out take moked.tenant-defaults.scoring
 */
@Serdeable
public record TenantSpec(String slug,
                         String businessName,
                         String assistantName,
                         @Nullable String locale,
                         @Nullable String timeZone,
                         @Nullable String greetingTemplate,
                         @Nullable Map<String, String> businessHours,
                         @Nullable Integer meetingMinutes,
                         @Nullable String transferNumber,
                         @Nullable Boolean recordingEnabled,
                         @Nullable Integer retentionDays,
                         @Nullable Integer maxConcurrentCalls,
                         @Nullable Integer endOfTurnSilenceMs,
                         @Nullable Map<String, String> dtmfActions,
                         @Nullable Map<String, String> messages,
                         @Nullable String voice,
                         @Nullable List<String> phoneNumbers,
                         @Nullable Persona persona,
                         @Nullable ScoringRules scoring) {

    /** Without persona and scoring (they take the defaults). */
    public TenantSpec(String slug, String businessName, String assistantName, @Nullable String locale,
                      @Nullable String timeZone, @Nullable String greetingTemplate,
                      @Nullable Map<String, String> businessHours, @Nullable Integer meetingMinutes,
                      @Nullable String transferNumber, @Nullable Boolean recordingEnabled,
                      @Nullable Integer retentionDays, @Nullable Integer maxConcurrentCalls,
                      @Nullable Integer endOfTurnSilenceMs, @Nullable Map<String, String> dtmfActions,
                      @Nullable Map<String, String> messages, @Nullable String voice,
                      @Nullable List<String> phoneNumbers) {
        this(slug, businessName, assistantName, locale, timeZone, greetingTemplate, businessHours, meetingMinutes,
                transferNumber, recordingEnabled, retentionDays, maxConcurrentCalls, endOfTurnSilenceMs, dtmfActions,
                messages, voice, phoneNumbers, null, null);
    }

    /** The minimum: everything else from defaults. */
    public static TenantSpec of(String slug, String businessName, String assistantName) {
        return new TenantSpec(slug, businessName, assistantName, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
