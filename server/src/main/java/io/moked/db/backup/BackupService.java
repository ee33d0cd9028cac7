package io.moked.db.backup;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.moked.config.MokedConfig;
import io.moked.config.MokedVersion;
import io.moked.db.DbKind;
import io.moked.db.MigrationService;
import io.moked.db.SqliteSnapshot;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * {@code agentctl db backup} on SQLite: an online, consistent copy of the live database ({@code VACUUM INTO}, safe
 * while the appliance takes calls) packed with a manifest, and optionally the call recordings, into one archive
 * ({@link BackupArchive}). PostgreSQL is backed up with {@code pg_dump} ({@link PostgresTools}).
 */
@Singleton
public class BackupService {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final MigrationService migrations;
    private final MokedConfig config;
    private final Path recordingsDir;
    private final Clock clock;

    BackupService(MigrationService migrations, MokedConfig config,
                  @Value("${moked.call.recordings-dir:}") String recordingsDir, Clock clock) {
        this.migrations = migrations;
        this.config = config;
        this.recordingsDir = recordingsDir(recordingsDir, config.dataDir());
        this.clock = clock;
    }

    /** The recordings folder: {@code moked.call.recordings-dir}, or {@code <data-dir>/recordings} when empty. */
    public static Path recordingsDir(@Nullable String configured, Path dataDir) {
        return configured == null || configured.isBlank() ? dataDir.resolve("recordings") : Path.of(configured);
    }

    /** Where a backup goes by default: {@code <data-dir>/backups/moked-<UTC time>.tar.gz}. */
    public Path defaultFile() {
        return config.backupsDir().resolve("moked-" + STAMP.format(clock.instant()) + ".tar.gz");
    }

    /**
     * @param out            the archive to write (must not exist); null = {@link #defaultFile()}
     * @param withRecordings include the recordings folder
     */
    public Report backup(@Nullable Path out, boolean withRecordings) {
        if (migrations.target().kind() != DbKind.SQLITE || migrations.target().sqliteFileOpt().isEmpty()) {
            throw new ValidationException("agentctl db backup writes archives of SQLite databases; for "
                    + migrations.target().displayUrl() + " use pg_dump");
        }
        String schema = migrations.currentVersion().orElseThrow(() -> new ValidationException("database "
                + migrations.target().displayUrl() + " has no schema yet, so nothing to back up (agentctl db migrate "
                + "creates it)"));
        Path file = (out == null ? defaultFile() : out).toAbsolutePath();
        if (Files.exists(file)) {
            throw new ValidationException(file + " already exists: choose another --out");
        }
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Path snapshot = file.resolveSibling("." + file.getFileName() + ".db");
        try {
            io.moked.config.PrivateFiles.subdirectory(file.getParent()); // 0700 when created here
            Files.deleteIfExists(snapshot);
            SqliteSnapshot.vacuumInto(migrations.rawDataSource(), snapshot);
            BackupArchive.Manifest manifest = BackupArchive.write(file, snapshot,
                    withRecordings ? recordingsDir : null, MokedVersion.current(), schema, created.toString());
            return new Report(file.toString(), Files.size(file), schema, MokedVersion.current(),
                    manifest.recordings(), withRecordings ? recordingsDir.toAbsolutePath().toString() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(snapshot);
            } catch (IOException ignored) {
                // a leftover hidden temporary copy next to the archive; the next backup replaces it
            }
        }
    }

    /**
     * @param file           the archive written
     * @param bytes          its size
     * @param recordingsFrom the recordings folder included, or null
     */
    @Serdeable
    public record Report(String file, long bytes, String schemaVersion, String mokedVersion, long recordings,
                         @Nullable String recordingsFrom) {
    }
}
