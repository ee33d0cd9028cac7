package io.moked.cli.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.ExitCode;
import io.moked.crm.audit.AuditEntry;
import io.moked.crm.audit.AuditService;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.NewCall;
import io.moked.crm.call.NewTurn;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on SQLite: {@code db backup --with-recordings} of a database with calls, turns and recordings, changes
 * made afterwards, then {@code db restore} brings back exactly the backed-up state (the replaced data kept aside);
 * restore is refused while the appliance runs, and a damaged archive replaces nothing.
 */
class DbBackupRestoreTest {
    private static final String NUMBER = "+97248555123";

    @TempDir
    Path dataDir;

    @Test
    void backupThenRestoreRoundTripsCallsTurnsAndRecordings() throws Exception {
        Path archive = dataDir.resolveSibling(dataDir.getFileName() + "-backup.tar.gz");
        byte[] wav = "RIFF-test-recording-bytes".getBytes();
        Path recording;
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            cli.ok("tenant", "create", "--from", resource("tenant-haifa.yaml"));
            TenantService tenants = cli.runtime().bean(TenantService.class);
            CallService calls = cli.runtime().bean(CallService.class);
            Tenant tenant = tenants.get("haifa-homes");
            Call call = calls.create(tenant, NewCall.inbound("CA-backed-up", "+972502345678", NUMBER));
            calls.appendTurn(tenant, call.id(), NewTurn.user("שלום, אני מחפש דירה", 0, 1200, 0.9));
            calls.appendTurn(tenant, call.id(), NewTurn.assistant("בשמחה, באיזה אזור?", 1300, 2500, false, null));
            recording = Files.createDirectories(dataDir.resolve("recordings/haifa-homes/2026-12-04"))
                    .resolve("CA-backed-up.wav");
            Files.write(recording, wav);
            calls.setRecordingPath(tenant, call.id(), recording.toString());

            JsonNode backup = cli.ok("db", "backup", "--with-recordings", "--out", archive.toString(), "-o", "json")
                    .json();
            assertEquals(archive.toString(), backup.get("file").asText());
            assertEquals(1, backup.get("recordings").asInt());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
            assertTrue(cli.runtime().bean(AuditService.class).recent(5).stream()
                    .anyMatch(e -> e.action().equals("db.backup") && e.actor().equals("test-admin")));

            // life goes on after the backup: another call, and the recording is gone
            calls.create(tenant, NewCall.inbound("CA-after-backup", "+972502345679", NUMBER));
            Files.delete(recording);
        }

        try (CliRun cli = CliRun.sqlite(dataDir)) {
            JsonNode restored = cli.ok("db", "restore", archive.toString(), "-o", "json").json();
            assertEquals(1, restored.get("recordings").asInt());
            Path kept = Path.of(restored.get("previousKeptIn").asText());

            TenantService tenants = cli.runtime().bean(TenantService.class);
            CallService calls = cli.runtime().bean(CallService.class);
            Tenant tenant = tenants.get("haifa-homes");
            List<Call> all = calls.list(tenant, 10);
            assertEquals(List.of("CA-backed-up"), all.stream().map(Call::callSid).toList());
            Call call = all.get(0);
            assertEquals(List.of("שלום, אני מחפש דירה", "בשמחה, באיזה אזור?"),
                    calls.turns(tenant, call.id()).stream().map(t -> t.text()).toList());
            assertEquals(recording.toString(), call.recordingPath());
            assertArrayEquals(wav, Files.readAllBytes(recording));

            List<AuditEntry> audit = cli.runtime().bean(AuditService.class).recent(10);
            assertTrue(audit.stream().anyMatch(e -> e.action().equals("db.restore")), audit.toString());
            assertFalse(audit.stream().anyMatch(e -> e.action().equals("db.backup")),
                    "the audit log is the backed-up one, plus the restore");

            // the replaced database (with the call made after the backup) is kept, not deleted
            assertTrue(Files.exists(kept.resolve("moked.db")), kept.toString());
            assertTrue(Files.isDirectory(kept.resolve("recordings")), kept.toString());
        }
    }

    @Test
    void restoreIsRefusedWhileTheApplianceRuns() throws Exception {
        Path archive = dataDir.resolveSibling(dataDir.getFileName() + "-running.tar.gz");
        try (CliRun admin = CliRun.sqlite(dataDir)) {
            admin.ok("db", "migrate");
            admin.ok("db", "backup", "--out", archive.toString());
        }
        try (CliRun appliance = CliRun.sqlite(dataDir); CliRun admin = CliRun.sqlite(dataDir)) {
            appliance.ok("serve", "--port", "-1");
            CliRun.Result refused = admin.run("db", "restore", archive.toString());
            assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, refused.exitCode(), refused.err());
            assertTrue(refused.errLine().contains("the appliance is running on"), refused.err());
            assertFalse(Files.exists(dataDir.resolve("backups")) && list(dataDir.resolve("backups")).stream()
                    .anyMatch(p -> p.getFileName().toString().startsWith("before-restore")), "nothing replaced");
        }
    }

    @Test
    void aDamagedArchiveReplacesNothing() throws Exception {
        Path archive = dataDir.resolveSibling(dataDir.getFileName() + "-damaged.tar.gz");
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            cli.ok("db", "migrate");
            cli.ok("db", "backup", "--out", archive.toString());
            cli.ok("tenant", "create", "--from", resource("tenant-haifa.yaml"));
        }
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // cut in half
        byte[] before = Files.readAllBytes(dataDir.resolve("moked.db"));

        try (CliRun cli = CliRun.sqlite(dataDir)) {
            CliRun.Result result = cli.run("db", "restore", archive.toString());
            assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
            assertTrue(result.errLine().startsWith("error: cannot restore from " + archive), result.err());
            assertArrayEquals(before, Files.readAllBytes(dataDir.resolve("moked.db")));
            assertEquals(List.of("haifa-homes"), cli.runtime().bean(TenantService.class).list().stream()
                    .map(Tenant::slug).toList());
        }
        try (Stream<Path> left = Files.list(dataDir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".restore-")), "staging removed");
        }
    }

    @Test
    void onPostgresBackupPrintsThePgDumpCommand() {
        try (io.moked.cli.testsupport.TestDatabase database = io.moked.cli.testsupport.TestDatabase.postgres();
             CliRun cli = CliRun.on(database)) {
            CliRun.Result result = cli.run("db", "backup", "--out", "/tmp/x.dump", "-o", "json");
            JsonNode advice = result.json();
            assertTrue(advice.get("command").asText().startsWith("pg_dump --format=custom --file=/tmp/x.dump "
                    + "--dbname=postgresql://postgres@"), advice.toString());
            assertEquals(advice.get("pgDumpInstalled").asBoolean() ? ExitCode.OK : ExitCode.FAILURE,
                    result.exitCode());
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String resource(String name) throws Exception {
        return Path.of(DbBackupRestoreTest.class.getClassLoader().getResource(name).toURI()).toString();
    }
}
