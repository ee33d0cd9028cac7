package io.moked.db.backup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.moked.db.DbKind;
import io.moked.db.DbTarget;
import io.moked.db.SchemaMigrator;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code agentctl db restore FILE} on SQLite, with the appliance stopped. Works on files only (no application context:
 * the database must not be open while it is replaced):
 * <ol>
 *   <li>refuses while an appliance holds the data directory ({@link ApplianceLock}), and holds it itself meanwhile;</li>
 *   <li>unpacks the backup archive (or takes a bare SQLite file, such as a copy made before a migration) into a
 *       staging folder in the data directory and verifies it: manifest and checksums, SQLite integrity check, a Moked
 *       schema that this version knows (not newer);</li>
 *   <li>only then moves the current database (with its WAL files) and, when the archive has recordings, the current
 *       recordings into {@code <data-dir>/backups/before-restore-<time>/}, and moves the restored ones in.</li>
 * </ol>
 * A failure before step 3 leaves everything as it was.
 */
public final class RestoreService {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String[] SQLITE_SIDE_FILES = {"-wal", "-shm", "-journal"};

    private final DbTarget target;
    private final Path dataDir;
    private final Path recordingsDir;
    private final Clock clock;

    public RestoreService(DbTarget target, Path dataDir, Path recordingsDir, Clock clock) {
        this.target = target;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.recordingsDir = recordingsDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Report restore(Path file) {
        Path source = file.toAbsolutePath();
        if (target.kind() != DbKind.SQLITE || target.sqliteFileOpt().isEmpty()) {
            throw new ValidationException("agentctl db restore replaces a SQLite database; for "
                    + target.displayUrl() + " use pg_restore");
        }
        if (!Files.isRegularFile(source)) {
            throw new NotFoundException("backup file not found: " + source);
        }
        try (ApplianceLock.Held lock = ApplianceLock.tryExclusive(dataDir).orElseThrow(() -> new ConflictException(
                "the appliance is running on " + dataDir + " (it holds " + dataDir.resolve(ApplianceLock.FILE_NAME)
                        + "): stop it first (systemctl stop moked), then restore"))) {
            return restoreLocked(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore from " + source + ": " + e.getMessage(), e);
        }
    }

    private Report restoreLocked(Path source) throws IOException {
        String stamp = STAMP.format(clock.instant());
        Path staging = Files.createDirectories(dataDir.resolve(".restore-" + stamp));
        try {
            BackupArchive.Extracted extracted = stage(source, staging);
            String schema = verifyDatabase(source, extracted.database());
            Path aside = keepCurrentAside(stamp, extracted.recordingsDir() != null);
            Path dbFile = target.sqliteFileOpt().orElseThrow().toAbsolutePath();
            Files.createDirectories(dbFile.getParent());
            Files.move(extracted.database(), dbFile, StandardCopyOption.ATOMIC_MOVE);
            long recordings = 0;
            if (extracted.recordingsDir() != null) {
                recordings = countFiles(extracted.recordingsDir());
                moveTree(extracted.recordingsDir(), recordingsDir);
            }
            BackupArchive.Manifest manifest = extracted.manifest();
            return new Report(source.toString(), schema, manifest == null ? null : manifest.mokedVersion(),
                    manifest == null ? null : manifest.createdAt(), recordings, aside == null ? null : aside.toString());
        } finally {
            deleteTree(staging);
        }
    }

    /** The archive unpacked and checked, or a bare SQLite file copied, into the staging folder. */
    private static BackupArchive.Extracted stage(Path source, Path staging) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(source)) {
            head = in.readNBytes(SQLITE_MAGIC.length);
        }
        if (Arrays.equals(head, SQLITE_MAGIC)) {
            Path db = staging.resolve(BackupArchive.DATABASE);
            Files.copy(source, db);
            return new BackupArchive.Extracted(null, db, null);
        }
        return BackupArchive.extract(source, staging);
    }

    /** SQLite's integrity check, and a Moked schema this version knows; returns the schema version. */
    private String verifyDatabase(Path source, Path db) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + db);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equalsIgnoreCase(result)) {
                    throw BackupArchive.invalid(source, "the database fails SQLite's integrity check ("
                            + BackupArchive.quote(result) + ")");
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    throw BackupArchive.invalid(source, "not a Moked database (it has no schema history)");
                }
            }
        } catch (SQLException e) {
            throw BackupArchive.invalid(source, "not a readable SQLite database ("
                    + BackupArchive.quote(String.valueOf(e.getMessage())) + ")");
        }
        SchemaMigrator schema = new SchemaMigrator(ds, DbTarget.resolve("jdbc:sqlite:" + db, dataDir), dataDir, clock);
        Optional<SchemaMigrator.NewerSchema> newer = schema.newerSchema();
        if (newer.isPresent()) {
            throw BackupArchive.invalid(source, "it holds schema version " + newer.get().databaseVersion() + " from "
                    + newer.get().migratedBy() + ", newer than this Moked knows (up to "
                    + newer.get().knownVersion() + "): restore it with that version or a newer one");
        }
        return schema.currentVersion().orElse("none");
    }

    /** Moves the current database (and its WAL files) and, if replaced, the recordings into a dated folder. */
    private Path keepCurrentAside(String stamp, boolean recordingsToo) throws IOException {
        Path dbFile = target.sqliteFileOpt().orElseThrow().toAbsolutePath();
        Path aside = dataDir.resolve("backups").resolve("before-restore-" + stamp);
        boolean moved = false;
        for (String suffix : Stream.concat(Stream.of(""), Arrays.stream(SQLITE_SIDE_FILES)).toList()) {
            Path f = dbFile.resolveSibling(dbFile.getFileName() + suffix);
            if (Files.exists(f)) {
                Files.createDirectories(aside);
                Files.move(f, aside.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            }
        }
        if (recordingsToo && Files.isDirectory(recordingsDir)) {
            Files.createDirectories(aside);
            moveTree(recordingsDir, aside.resolve("recordings"));
            moved = true;
        }
        if (moved) {
            BackupArchive.ownerOnly(aside);
        }
        return moved ? aside : null;
    }

    /** A rename when both are on one file system, else a copy and delete. */
    private static void moveTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.sorted().toList()) {
                    Path dest = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            deleteTree(from);
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * @param restoredFrom   the backup file
     * @param schemaVersion  the restored database's schema version (the appliance migrates it on start if older)
     * @param mokedVersion   the Moked that made the backup (null for a bare database file)
     * @param previousKeptIn where the replaced database (and recordings) went, null when there was none
     */
    @Serdeable
    public record Report(String restoredFrom, String schemaVersion, @Nullable String mokedVersion,
                         @Nullable String createdAt, long recordings, @Nullable String previousKeptIn) {
    }
}
