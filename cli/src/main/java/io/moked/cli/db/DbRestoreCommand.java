package io.moked.cli.db;

import java.nio.file.Path;
import java.time.Clock;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Fields;
import io.moked.crm.audit.AuditService;
import io.moked.db.DbKind;
import io.moked.db.DbTarget;
import io.moked.db.MigrationService;
import io.moked.db.backup.BackupService;
import io.moked.db.backup.PostgresTools;
import io.moked.db.backup.RestoreService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {
        "Replace the SQLite database (and, if the archive has them, the recordings) with a backup.",
        "Refused while the appliance runs (stop it first). The backup is verified before anything is replaced; the "
                + "current database is kept in <data-dir>/backups/before-restore-<time>/.",
        "FILE: an archive from 'agentctl db backup', or a database copy made before a migration (backups/*.db).",
        "PostgreSQL: prints the pg_restore command to run."})
public final class DbRestoreCommand extends AgentctlCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Backup archive (.tar.gz) or SQLite file.")
    Path file;

    @Mixin
    ActorOption actor;

    /** JSON shape of the PostgreSQL answer. */
    public record PostgresAdvice(String database, String command, boolean pgRestoreInstalled) {
    }

    @Override
    protected int execute() {
        DbTarget target = runtime().dbTarget();
        if (target.kind() == DbKind.POSTGRESQL) {
            return postgres(target);
        }
        if (runtime().contextStarted()) {
            throw CliException.conflict("db restore cannot run inside 'agentctl shell', which holds the database "
                    + "open: run 'agentctl db restore' from the command line");
        }
        String who = actor.resolve(runtime());
        Path recordings = BackupService.recordingsDir(runtime().setting("moked.call.recordings-dir"),
                runtime().dataDir());
        RestoreService.Report report = new RestoreService(target, runtime().dataDir(), recordings, Clock.systemUTC())
                .restore(file);
        // Record who restored what in the restored database, leaving its schema as it was: the appliance migrates an
        // older one when it starts (copying it aside first), and going back to an older Moked needs it unmigrated.
        runtime().configureBeforeStart(CliRuntime.MIGRATE_ON_START_PROPERTY, false);
        service(AuditService.class).record(null, who, "db.restore", "database", null, null, report);
        boolean pending = service(MigrationService.class).status().pending() > 0;
        out().emit(report, Fields.create()
                .add("Restored from", report.restoredFrom())
                .add("Backup made by", report.mokedVersion() == null ? "(database file)"
                        : "Moked " + report.mokedVersion() + " at " + report.createdAt())
                .add("Schema version", report.schemaVersion() + (pending
                        ? " (older than this Moked's: the appliance migrates it when it starts)" : ""))
                .add("Recordings", report.recordings() == 0 ? "not in the backup (left as they were)"
                        : report.recordings() + " file(s) restored")
                .add("Previous data kept in", report.previousKeptIn() == null ? "(there was none)"
                        : report.previousKeptIn()));
        return ExitCode.OK;
    }

    private int postgres(DbTarget target) {
        boolean installed = PostgresTools.find("pg_restore", runtime().env()).isPresent();
        PostgresAdvice advice = new PostgresAdvice("postgresql", PostgresTools.restoreCommand(target, file),
                installed);
        out().emit(advice, o -> {
            o.line("PostgreSQL is restored with pg_restore, with every appliance stopped; run:");
            o.line("  " + advice.command());
        });
        if (!installed) {
            out().note("pg_restore is not installed here: install the PostgreSQL client (apt-get install "
                    + "postgresql-client)");
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }
}
