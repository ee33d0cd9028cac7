package io.moked.db;

import io.moked.config.MokedVersion;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Applies schema migrations the way an upgrade must (appliance start and {@code agentctl db migrate}):
 * <ol>
 *   <li>refuses a database migrated by a newer Moked (a downgrade), naming both versions;</li>
 *   <li>before changing the schema of an existing SQLite database, copies it to {@code <backups>/} (the way back if
 *       the new version disappoints: {@code agentctl db restore FILE});</li>
 *   <li>migrates, then records which Moked version did ({@code appliance_meta.last-migrated-by}).</li>
 * </ol>
 */
public final class SchemaMigrator {
    static final String LAST_MIGRATED_BY = "last-migrated-by";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final DataSource raw;
    private final DbTarget target;
    private final Path backupDir;
    private final Clock clock;
    private final String programVersion;

    public SchemaMigrator(DataSource raw, DbTarget target, Path backupDir, Clock clock) {
        this(raw, target, backupDir, clock, MokedVersion.current());
    }

    SchemaMigrator(DataSource raw, DbTarget target, Path backupDir, Clock clock, String programVersion) {
        this.raw = raw;
        this.target = target;
        this.backupDir = backupDir;
        this.clock = clock;
        this.programVersion = programVersion;
    }

    /** Refuses a newer schema, backs SQLite up when there is something to migrate, migrates; returns how many ran. */
    public Result migrate() {
        Flyway flyway = FlywayMigrations.flyway(raw, target.kind());
        MigrationInfoService info = flyway.info();
        refuseNewerSchema(info);
        MigrationInfo[] pending = info.pending();
        if (pending.length == 0) {
            return new Result(0, null);
        }
        Path backup = null;
        MigrationInfo current = info.current();
        String to = pending[pending.length - 1].getVersion().getVersion();
        if (current != null && current.getVersion() != null) {
            backup = backupBeforeMigrating(current.getVersion().getVersion(), to);
        }
        int applied = flyway.migrate().migrationsExecuted;
        recordProgramVersion();
        return new Result(applied, backup);
    }

    /** @param backup the copy taken before migrating (SQLite with an existing schema), else null */
    public record Result(int applied, Path backup) {
    }

    /** Throws {@link SchemaTooNewException} when the database holds migrations this program does not know. */
    public void refuseNewerSchema() {
        refuseNewerSchema(FlywayMigrations.flyway(raw, target.kind()).info());
    }

    private void refuseNewerSchema(MigrationInfoService info) {
        newerSchema(info).ifPresent(newer -> {
            throw new SchemaTooNewException("database " + target.displayUrl() + " has schema version "
                    + newer.databaseVersion() + ", migrated by " + newer.migratedBy() + "; this is Moked "
                    + programVersion + ", which knows schema versions up to " + newer.knownVersion()
                    + ". Downgrades are refused: install " + newer.migratedBy() + " (or newer) again, or restore a "
                    + "backup taken before the upgrade with 'agentctl db restore FILE' (copies made before each "
                    + "migration are in " + backupDir.toAbsolutePath() + ")");
        });
    }

    /** Present when the database holds migrations this program does not know (it was migrated by a newer Moked). */
    public Optional<NewerSchema> newerSchema() {
        return newerSchema(FlywayMigrations.flyway(raw, target.kind()).info());
    }

    private Optional<NewerSchema> newerSchema(MigrationInfoService info) {
        List<MigrationInfo> newer = Arrays.stream(info.all()).filter(SchemaMigrator::isFuture).toList();
        if (newer.isEmpty()) {
            return Optional.empty();
        }
        String known = Arrays.stream(info.all()).filter(i -> !isFuture(i) && i.getVersion() != null)
                .reduce((a, b) -> b).map(i -> i.getVersion().getVersion()).orElse("none");
        return Optional.of(new NewerSchema(newer.get(newer.size() - 1).getVersion().getVersion(),
                lastMigratedBy().map(v -> "Moked " + v).orElse("a newer Moked"), known));
    }

    /**
     * @param databaseVersion the newest schema version in the database
     * @param migratedBy      "Moked X.Y.Z" that migrated it, or "a newer Moked" when it did not say
     * @param knownVersion    the newest schema version this program knows
     */
    public record NewerSchema(String databaseVersion, String migratedBy, String knownVersion) {
    }

    /** The newest applied schema version, or empty for an empty database. */
    public Optional<String> currentVersion() {
        MigrationInfo current = FlywayMigrations.flyway(raw, target.kind()).info().current();
        return current == null || current.getVersion() == null ? Optional.empty()
                : Optional.of(current.getVersion().getVersion());
    }

    static boolean isFuture(MigrationInfo i) {
        return i.getState().name().startsWith("FUTURE");
    }

    /** The Moked version recorded by the last migration, if the database has the table yet. */
    public Optional<String> lastMigratedBy() {
        try (Connection c = raw.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT value FROM appliance_meta WHERE name = ?")) {
            st.setString(1, LAST_MIGRATED_BY);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty(); // a schema from before the table existed
        }
    }

    private Path backupBeforeMigrating(String from, String to) {
        if (target.sqliteFileOpt().isEmpty()) {
            LOG.warn("migrating {} from schema {} to {} without an automatic backup (PostgreSQL: take one with "
                    + "pg_dump first; 'agentctl db backup' prints the command)", target.displayUrl(), from, to);
            return null;
        }
        Path file = backupDir.resolve("moked-schema-" + from + "-before-" + to + "-" + STAMP.format(clock.instant())
                + ".db");
        SqliteSnapshot.vacuumInto(raw, file);
        LOG.info("backed up the database to {} before migrating it from schema {} to {}", file, from, to);
        return file;
    }

    private void recordProgramVersion() {
        String upsert = "INSERT INTO appliance_meta (name, value, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
        try (Connection c = raw.getConnection(); PreparedStatement st = c.prepareStatement(upsert)) {
            st.setString(1, LAST_MIGRATED_BY);
            st.setString(2, programVersion);
            st.setTimestamp(3, Timestamp.from(clock.instant()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("migrated " + target.displayUrl() + " but cannot record the "
                    + "Moked version in appliance_meta: " + DataSourceFactory.rootMessage(e), e);
        }
    }
}
