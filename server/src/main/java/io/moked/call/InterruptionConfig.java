package io.moked.call;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.moked.pipeline.turn.InterruptionSettings;

import java.util.HashSet;
import java.util.List;

/**
 * Appliance defaults for telling a real interruption from a false one, {@code moked.call.interruptions.*}
 * (documented in application.yml); keys under {@code tenants.<slug>} override them per tenant ({@link InterruptionPolicy}).
 */
@ConfigurationProperties("moked.call.interruptions")
public record InterruptionConfig(@Bindable(defaultValue = "true") boolean resumeFalseInterruptions,
                                 @Bindable(defaultValue = "500") long minInterruptionMs,
                                 @Bindable(defaultValue = "2000") long falseInterruptionTimeoutMs,
                                 @Nullable List<String> backchannels) {

    /** One tenant's overrides ({@code moked.call.interruptions.tenants.<slug>.*}); null keeps the default. */
    public record Tenant(@Nullable Boolean resumeFalseInterruptions, @Nullable Long minInterruptionMs,
                         @Nullable Long falseInterruptionTimeoutMs, @Nullable List<String> backchannels) {
    }

    /** The settings for a tenant with these overrides (null = none). */
    public InterruptionSettings settings(@Nullable Tenant overrides) {
        Tenant o = overrides == null ? new Tenant(null, null, null, null) : overrides;
        List<String> words = o.backchannels() != null ? o.backchannels()
                : backchannels == null ? List.of() : backchannels;
        return new InterruptionSettings(
                o.resumeFalseInterruptions() != null ? o.resumeFalseInterruptions() : resumeFalseInterruptions,
                o.minInterruptionMs() != null ? o.minInterruptionMs() : minInterruptionMs,
                o.falseInterruptionTimeoutMs() != null ? o.falseInterruptionTimeoutMs() : falseInterruptionTimeoutMs,
                new HashSet<>(words));
    }
}
