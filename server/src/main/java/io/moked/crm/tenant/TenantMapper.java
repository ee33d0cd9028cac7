package io.moked.crm.tenant;

import io.micronaut.core.type.Argument;
import io.moked.crm.JsonColumns;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entity to DTO: parses the JSON columns. Message keys added to the defaults after a tenant was created are filled
 * in from the defaults, and a tenant without a persona or scoring rules (created before they existed) gets the
 * defaults, so every {@link Tenant} has everything a call needs.
 */
@Singleton
class TenantMapper {
    private static final Argument<Map<String, List<String>>> HOURS =
            Argument.mapOf(Argument.STRING, Argument.listOf(String.class));

    private final JsonColumns json;
    private final TenantDefaults defaults;
    private final Persona defaultPersona;
    private final ScoringRules defaultScoring;

    TenantMapper(JsonColumns json, TenantDefaults defaults) {
        this.json = json;
        this.defaults = defaults;
        // converted and validated once: a broken default fails at startup, not on a call
        this.defaultPersona = PersonaRules.persona(TenantSpecLoader.convert(configTree(defaults.persona()),
                Persona.class, "moked.tenant-defaults.persona"), defaults.messages());
        this.defaultScoring = PersonaRules.scoring(TenantSpecLoader.convert(configTree(defaults.scoring()),
                ScoringRules.class, "moked.tenant-defaults.scoring"));
    }

    Tenant toDto(TenantEntity e, List<String> phoneNumbers) {
        Map<String, String> messages = new LinkedHashMap<>(defaults.messages());
        messages.putAll(json.readStringMap(e.messages()));
        return new Tenant(e.id(), e.slug(), e.businessName(), e.assistantName(), e.locale(), e.timeZone(),
                e.greetingTemplate(), BusinessHours.parse(json.read(e.businessHours(), HOURS)), e.meetingMinutes(),
                e.transferNumber(), e.recordingEnabled(), e.retentionDays(), e.maxConcurrentCalls(),
                e.endOfTurnSilenceMs(), json.readStringMap(e.dtmfActions()), messages,
                e.voice(), e.twilioAccountSid(), e.twilioAuthTokenRef() != null, List.copyOf(phoneNumbers),
                e.createdAt(), e.updatedAt(),
                e.persona() == null ? defaultPersona : json.read(e.persona(), Argument.of(Persona.class)),
                e.scoring() == null ? defaultScoring : json.read(e.scoring(), Argument.of(ScoringRules.class)));
    }

    /**
     * Micronaut hands a configuration subtree with each list both as a list and flattened ("questions[0]" keys);
     * only the lists are kept.
     */
    static Object configTree(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!String.valueOf(k).contains("[")) {
                    out.put(String.valueOf(k), configTree(v));
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(TenantMapper::configTree).toList();
        }
        return node == null ? Map.of() : node;
    }

    Persona defaultPersona() {
        return defaultPersona;
    }

    ScoringRules defaultScoring() {
        return defaultScoring;
    }

    String hoursJson(BusinessHours hours) {
        return json.write(hours.toJson());
    }

    String mapJson(Map<String, String> map) {
        return json.write(map);
    }

    String personaJson(Persona persona) {
        return json.write(persona);
    }

    String scoringJson(ScoringRules scoring) {
        return json.write(scoring);
    }
}
