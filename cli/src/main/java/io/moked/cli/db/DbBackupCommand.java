package io.moked.cli.db;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Fields;
import io.moked.crm.audit.AuditService;
import io.moked.db.DbKind;
import io.moked.db.DbTarget;
import io.moked.db.backup.BackupService;
import io.moked.db.backup.PostgresTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backup", description = {
        "Back the database up while the appliance runs.",
        "SQLite: a consistent online copy (VACUUM INTO) in one .tar.gz archive with a manifest, optionally with the "
                + "call recordings; default file <data-dir>/backups/moked-<time>.tar.gz (mode 0600).",
        "PostgreSQL: prints the pg_dump command to run and checks that pg_dump is installed (exit 1 if not)."})
public final class DbBackupCommand extends AgentctlCommand {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--out", paramLabel = "FILE", description = "Archive to write (must not exist).")
    Path out;

    @Option(names = "--with-recordings", description = "Include the call recordings in the archive.")
    boolean withRecordings;

    @Mixin
    ActorOption actor;

    /** JSON shape of the PostgreSQL answer. */
    public record PostgresAdvice(String database, String command, boolean pgDumpInstalled,
                                 String recordingsCommand) {
    }

    @Override
    protected int execute() {
        DbTarget target = runtime().dbTarget();
        if (target.kind() == DbKind.POSTGRESQL) {
            return postgres(target);
        }
        // a backup only reads: never migrate the database on the way
        runtime().configureBeforeStart(CliRuntime.MIGRATE_ON_START_PROPERTY, false);
        BackupService.Report report = service(BackupService.class).backup(out, withRecordings);
        service(AuditService.class).record(null, actor.resolve(runtime()), "db.backup", "database", null, null,
                report);
        out().emit(report, Fields.create()
                .add("Backup", report.file())
                .add("Size", io.moked.cli.output.Progress.bytes(report.bytes()))
                .add("Schema version", report.schemaVersion())
                .add("Recordings", report.recordingsFrom() == null ? "not included"
                        : report.recordings() + " file(s) from " + report.recordingsFrom())
                .add("Restore with", "agentctl db restore " + report.file()));
        return ExitCode.OK;
    }

    private int postgres(DbTarget target) {
        Path file = out != null ? out : Path.of("moked-" + STAMP.format(Instant.now()) + ".dump");
        boolean installed = PostgresTools.find("pg_dump", runtime().env()).isPresent();
        String recordings = withRecordings ? "tar -C " + BackupService.recordingsDir(
                runtime().setting("moked.call.recordings-dir"), runtime().dataDir()).toAbsolutePath()
                + " -czf moked-recordings-" + STAMP.format(Instant.now()) + ".tar.gz ." : null;
        PostgresAdvice advice = new PostgresAdvice("postgresql", PostgresTools.dumpCommand(target, file), installed,
                recordings);
        out().emit(advice, o -> {
            o.line("PostgreSQL is backed up with pg_dump (password from PGPASSWORD or ~/.pgpass); run:");
            o.line("  " + advice.command());
            if (recordings != null) {
                o.line("and for the recordings:");
                o.line("  " + recordings);
            }
        });
        if (!installed) {
            out().note("pg_dump is not installed here: install the PostgreSQL client (apt-get install "
                    + "postgresql-client), matching the server's major version or newer");
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }
}
