package io.moked.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;

/**
 * Appliance-wide settings under {@code moked.*} that this module owns.
 *
 * @param dataDir     where the appliance keeps its state: the SQLite database, secrets, recordings
 *                    (env {@code MOKED_DATA_DIR}, default {@code ./var}); created on start
 * @param phoneRegion ISO region for phone numbers written without a country code ({@code 050-...}), default IL
 */
@ConfigurationProperties("moked")
public record MokedConfig(@Bindable(defaultValue = "./var") Path dataDir,
                          @Bindable(defaultValue = "IL") String phoneRegion) {

    /** Database copies: taken before each schema migration, and {@code agentctl db backup}'s default place. */
    public Path backupsDir() {
        return dataDir.resolve("backups");
    }

    /** Directory for credential files (0700); files inside are 0600. */
    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }
}
