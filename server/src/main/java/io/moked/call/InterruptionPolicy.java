package io.moked.call;

import io.moked.pipeline.turn.InterruptionSettings;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Resolves a tenant's interruption settings at call start: its overrides on top of the appliance defaults. */
@Singleton
public class InterruptionPolicy {
    private final InterruptionConfig defaults;
    private final Map<String, InterruptionSettings> byTenant;

    public InterruptionPolicy(InterruptionConfig defaults, List<InterruptionConfig.Tenant> tenants) {
        this.defaults = defaults;
        this.byTenant = tenants.stream().collect(Collectors.toUnmodifiableMap(InterruptionConfig.Tenant::name,
                defaults::settings, (a, b) -> a));
    }

    public InterruptionSettings forTenant(String slug) {
        return byTenant.getOrDefault(slug, defaults.settings(null));
    }
}
