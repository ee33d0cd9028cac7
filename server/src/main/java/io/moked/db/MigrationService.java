package io.moked.db;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.serde.annotation.Serdeable;
import io.moked.config.MokedConfig;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Flyway for {@code agentctl db migrate|status} and the readiness check. */
@Singleton
public class MigrationService {
    /** Flyway's default history table (FlywayMigrations does not rename it). */
    static final String HISTORY_TABLE = "flyway_schema_history";
    private final DbTarget target;
    private final DataSource raw;

    private final SchemaMigrator migrator;

    public MigrationService(DbTarget target, @Named("default") DataSource dataSource, MokedConfig config,
                            Clock clock) {
        this.target = target;
        this.raw = DelegatingDataSource.unwrapDataSource(dataSource);
        this.migrator = new SchemaMigrator(raw, target, config.backupsDir(), clock);
    }

    public DbTarget target() {
        return target;
    }

    /** A fresh connection answers within {@code timeoutSeconds}. */
    public boolean ping(int timeoutSeconds) throws java.sql.SQLException {
        try (java.sql.Connection c = raw.getConnection()) {
            return c.isValid(timeoutSeconds);
        }
    }

    /**
     * Applies pending migrations; returns how many ran. Refuses a schema written by a newer Moked
     * ({@link SchemaTooNewException}) and copies a SQLite database to the backups folder before changing it.
     */
    public int migrate() {
        return migrator.migrate().applied();
    }

    /** Throws {@link SchemaTooNewException} when a newer Moked migrated this database. */
    public void refuseNewerSchema() {
        migrator.refuseNewerSchema();
    }

    /** The newest applied schema version (empty for an empty database). */
    public java.util.Optional<String> currentVersion() {
        return migrator.currentVersion();
    }

    /** The pool's own DataSource (not Micronaut's proxy), for work outside transactions such as VACUUM INTO. */
    public DataSource rawDataSource() {
        return raw;
    }

    /** The Moked version that last migrated the schema (absent before schema version 7). */
    public java.util.Optional<String> lastMigratedBy() {
        return migrator.lastMigratedBy();
    }

    /**
     * What the migration state depends on besides this build's own migrations (which cannot change while it runs):
     * the rows of Flyway's history table, summarised by one cheap query. Equal fingerprints mean an equal
     * {@link #status()}; reading Flyway's status instead scans the migration resources in the jar every time.
     *
     * @return the fingerprint, or empty when it cannot be read (no history table yet): then only
     *     {@link #status()} tells
     */
    public java.util.Optional<String> historyFingerprint() {
        try (java.sql.Connection c = raw.getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(installed_rank), "
                     + "SUM(CASE WHEN success THEN 1 ELSE 0 END), MAX(version) FROM " + HISTORY_TABLE)) {
            rs.next();
            return java.util.Optional.of(rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getLong(3) + ":"
                    + rs.getString(4));
        } catch (java.sql.SQLException e) {
            return java.util.Optional.empty();
        }
    }

    public Status status() {
        MigrationInfo[] all = flyway().info().all();
        List<Migration> rows = Arrays.stream(all)
                .map(i -> new Migration(i.getVersion() == null ? "" : i.getVersion().getVersion(), i.getDescription(),
                        i.getState().getDisplayName(), i.getInstalledOn() == null ? null : i.getInstalledOn().toInstant()))
                .toList();
        long pending = Arrays.stream(all).filter(i -> !i.getState().isApplied()).count();
        long failed = Arrays.stream(all).filter(i -> i.getState().isFailed()).count();
        long newer = Arrays.stream(all).filter(SchemaMigrator::isFuture).count();
        return new Status(target.kind().name().toLowerCase(), target.displayUrl(), (int) pending, (int) failed,
                (int) newer, rows);
    }

    private Flyway flyway() {
        return FlywayMigrations.flyway(raw, target.kind());
    }

    @Serdeable
    /** @param newer migrations applied by a newer Moked that this one does not know (a downgrade) */
    public record Status(String database, String url, int pending, int failed, int newer, List<Migration> migrations) {
        public boolean upToDate() {
            return pending == 0 && failed == 0 && newer == 0;
        }
    }

    @Serdeable
    public record Migration(String version, String description, String state, Instant installedOn) {
    }
}
