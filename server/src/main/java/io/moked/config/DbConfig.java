package io.moked.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Database settings under {@code moked.db.*}.
 *
 * @param url            JDBC URL ({@code jdbc:sqlite:...}, {@code jdbc:postgresql://...}) or
 *                       {@code postgresql://user:pass@host/db}; absent = SQLite file {@code <data-dir>/moked.db}
 *                       (env {@code MOKED_DB_URL})
 * @param poolSize       connection pool size; 0 = automatic (SQLite 4, PostgreSQL 10)
 * @param migrateOnStart apply pending Flyway migrations when the datasource starts
 */
@ConfigurationProperties("moked.db")
public record DbConfig(@Nullable String url,
                       @Bindable(defaultValue = "0") int poolSize,
                       @Bindable(defaultValue = "true") boolean migrateOnStart) {
}
