package io.moked.crm.tenant;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies a {@link TenantPatch} to a tenant row, validating every field it touches. */
final class TenantPatcher {
    private TenantPatcher() {
    }

    static TenantEntity apply(TenantEntity e, Tenant current, TenantPatch p, TenantService service, Instant now) {
        if (p.clear() != null) {
            for (String field : p.clear()) {
                if (!TenantPatch.CLEARABLE.contains(field)) {
                    throw new io.moked.error.ValidationException("cannot clear '" + field + "'; clearable fields: "
                            + String.join(", ", new java.util.TreeSet<>(TenantPatch.CLEARABLE)));
                }
            }
        }
        TenantMapper mapper = service.mapper();
        Map<String, String> messages = new LinkedHashMap<>(current.messages());
        if (p.messages() != null) {
            messages.putAll(p.messages());
        }
        Persona persona = PersonaRules.persona(p.persona() == null ? current.persona()
                : p.persona().over(current.persona()), messages);
        ScoringRules scoring = p.scoring() == null ? current.scoring() : PersonaRules.scoring(p.scoring()
                .over(current.scoring()));
        return new TenantEntity(e.id(), e.slug(),
                p.businessName() == null ? e.businessName() : TenantRules.text("business name", p.businessName(), 200),
                p.assistantName() == null ? e.assistantName() : TenantRules.text("assistant name", p.assistantName(), 100),
                p.locale() == null ? e.locale() : TenantRules.locale(p.locale()),
                p.timeZone() == null ? e.timeZone() : TenantRules.timeZone(p.timeZone()),
                p.greetingTemplate() == null ? e.greetingTemplate() : TenantRules.greeting(p.greetingTemplate()),
                p.businessHours() == null ? e.businessHours() : mapper.hoursJson(BusinessHours.parse(p.businessHours())),
                p.meetingMinutes() == null ? e.meetingMinutes() : TenantService.meetingMinutes(p.meetingMinutes()),
                p.clears("transfer-number") ? null
                        : p.transferNumber() == null ? e.transferNumber() : service.normalisePhone(p.transferNumber()),
                p.recordingEnabled() == null ? e.recordingEnabled() : p.recordingEnabled(),
                p.retentionDays() == null ? e.retentionDays() : TenantService.retentionDays(p.retentionDays()),
                p.maxConcurrentCalls() == null ? e.maxConcurrentCalls() : TenantService.maxCalls(p.maxConcurrentCalls()),
                p.clears("end-of-turn-silence-ms") ? null
                        : p.endOfTurnSilenceMs() == null ? e.endOfTurnSilenceMs()
                        // boxed: an int branch would unbox a null current value (NPE on any update without it)
                        : Integer.valueOf(TenantService.silence(p.endOfTurnSilenceMs())),
                p.dtmfActions() == null ? e.dtmfActions() : mapper.mapJson(TenantRules.dtmf(p.dtmfActions())),
                p.messages() == null ? e.messages() : mapper.mapJson(TenantRules.messages(messages)),
                p.clears("voice") ? null : p.voice() == null ? e.voice() : TenantRules.voice(p.voice()),
                e.twilioAccountSid(), e.twilioAuthTokenRef(), e.createdAt(), now, mapper.personaJson(persona),
                mapper.scoringJson(scoring));
    }
}
