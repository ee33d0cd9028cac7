package io.moked.call;

import io.micronaut.core.type.Argument;
import io.micronaut.core.value.PropertyResolver;
import io.moked.pipeline.turn.InterruptionSettings;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Resolves a tenant's interruption settings at call start: the keys under
 * {@code moked.call.interruptions.tenants.<slug>} it sets, on top of the appliance defaults.
 */
@Singleton
public class InterruptionPolicy {
    private static final String TENANTS = "moked.call.interruptions.tenants.";

    private final InterruptionConfig defaults;
    private final PropertyResolver properties;

    public InterruptionPolicy(InterruptionConfig defaults, PropertyResolver properties) {
        this.defaults = defaults;
        this.properties = properties;
    }

    public InterruptionSettings forTenant(String slug) {
        String prefix = TENANTS + slug + ".";
        return defaults.settings(new InterruptionConfig.Tenant(
                properties.getProperty(prefix + "resume-false-interruptions", Boolean.class).orElse(null),
                properties.getProperty(prefix + "min-interruption-ms", Long.class).orElse(null),
                properties.getProperty(prefix + "false-interruption-timeout-ms", Long.class).orElse(null),
                properties.getProperty(prefix + "backchannels", Argument.listOf(String.class)).orElse(null)));
    }
}
