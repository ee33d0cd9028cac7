package io.moked.crm.tenant;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * Documented defaults for new tenants ({@code moked.tenant-defaults.*} in application.yml). Fixed phrases and lead
 * statuses live here, not in code, so a deployment can change them for every new tenant.
 *
 * @param leadStatuses     status codes in pipeline order; the first is given to new leads
 * @param leadStatusLabels display label per status code
 * @param persona          {@link Persona} defaults as configured (kebab-case keys, read like a tenant YAML block)
 * @param scoring          {@link ScoringRules} defaults as configured
 */
@ConfigurationProperties("moked.tenant-defaults")
public record TenantDefaults(String locale,
                             String timeZone,
                             String greetingTemplate,
                             Map<String, String> businessHours,
                             int meetingMinutes,
                             boolean recordingEnabled,
                             int retentionDays,
                             int maxConcurrentCalls,
                             Map<String, String> dtmfActions,
                             Map<String, String> messages,
                             @Nullable String voice,
                             List<String> leadStatuses,
                             Map<String, String> leadStatusLabels,
                             @Nullable Map<String, Object> persona,
                             @Nullable Map<String, Object> scoring) {
}
