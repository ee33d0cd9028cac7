package io.moked.crm.tenant;

import io.micronaut.core.type.Argument;
import io.moked.crm.JsonColumns;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Entity to DTO: parses the JSON columns. */
@Singleton
class TenantMapper {
    private static final Argument<Map<String, List<String>>> HOURS =
            Argument.mapOf(Argument.STRING, Argument.listOf(String.class));

    private final JsonColumns json;

    TenantMapper(JsonColumns json) {
        this.json = json;
    }

    Tenant toDto(TenantEntity e, List<String> phoneNumbers) {
        return new Tenant(e.id(), e.slug(), e.businessName(), e.assistantName(), e.locale(), e.timeZone(),
                e.greetingTemplate(), BusinessHours.parse(json.read(e.businessHours(), HOURS)), e.meetingMinutes(),
                e.transferNumber(), e.recordingEnabled(), e.retentionDays(), e.maxConcurrentCalls(),
                e.endOfTurnSilenceMs(), json.readStringMap(e.dtmfActions()), json.readStringMap(e.messages()),
                e.voice(), e.twilioAccountSid(), e.twilioAuthTokenRef() != null, List.copyOf(phoneNumbers),
                e.createdAt(), e.updatedAt());
    }

    String hoursJson(BusinessHours hours) {
        return json.write(hours.toJson());
    }

    String mapJson(Map<String, String> map) {
        return json.write(map);
    }
}
