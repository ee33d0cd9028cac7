package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A partial tenant update: null means "leave as is". {@code messages} are merged key by key;
 * {@code businessHours} and {@code dtmfActions} replace the whole map. Optional fields are emptied by naming them
 * in {@code clear}: transfer-number, end-of-turn-silence-ms, voice. {@code persona} and {@code scoring} are merged
 * field by field over the current ones.
 */
@Serdeable
public record TenantPatch(@Nullable String businessName,
                          @Nullable String assistantName,
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
                          @Nullable Set<String> clear,
                          @Nullable Persona persona,
                          @Nullable ScoringRules scoring) {

    /** Without persona and scoring changes. */
    public TenantPatch(@Nullable String businessName, @Nullable String assistantName, @Nullable String locale,
                       @Nullable String timeZone, @Nullable String greetingTemplate,
                       @Nullable Map<String, String> businessHours, @Nullable Integer meetingMinutes,
                       @Nullable String transferNumber, @Nullable Boolean recordingEnabled,
                       @Nullable Integer retentionDays, @Nullable Integer maxConcurrentCalls,
                       @Nullable Integer endOfTurnSilenceMs, @Nullable Map<String, String> dtmfActions,
                       @Nullable Map<String, String> messages, @Nullable String voice, @Nullable Set<String> clear) {
        this(businessName, assistantName, locale, timeZone, greetingTemplate, businessHours, meetingMinutes,
                transferNumber, recordingEnabled, retentionDays, maxConcurrentCalls, endOfTurnSilenceMs, dtmfActions,
                messages, voice, clear, null, null);
    }

    public static final Set<String> CLEARABLE = Set.of("transfer-number", "end-of-turn-silence-ms", "voice");

    public static TenantPatch empty() {
        return new TenantPatch(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    boolean clears(String field) {
        return clear != null && clear.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).equals(field));
    }
}
