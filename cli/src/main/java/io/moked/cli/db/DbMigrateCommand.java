package io.moked.cli.db;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.db.MigrationService;
import picocli.CommandLine.Command;

@Command(name = "migrate", description = "Apply pending schema migrations (creates the SQLite file on first use).")
public final class DbMigrateCommand extends AgentctlCommand {
    /** JSON shape of {@code db migrate --output json}. */
    public record Result(int applied, MigrationService.Status status) {
    }

    @Override
    protected int execute() {
        // migrate here, not at context start, so the count reported is what this command applied
        runtime().configureBeforeStart(CliRuntime.MIGRATE_ON_START_PROPERTY, false);
        MigrationService migrations = service(MigrationService.class);
        int applied = migrations.migrate();
        MigrationService.Status status = migrations.status();
        out().emit(new Result(applied, status), out -> {
            out.line(applied == 0 ? "Nothing to apply." : "Applied " + applied + " migration(s).");
            DbView.status(out, status);
        });
        return status.upToDate() ? ExitCode.OK : ExitCode.FAILURE;
    }
}
