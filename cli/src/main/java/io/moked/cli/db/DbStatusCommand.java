package io.moked.cli.db;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.db.MigrationService;
import picocli.CommandLine.Command;

@Command(name = "status", description = {"Show the database and its schema migrations (applies nothing).",
        "Exit code 1 when migrations are pending or failed."})
public final class DbStatusCommand extends AgentctlCommand {
    @Override
    protected int execute() {
        // only look: do not let the context apply pending migrations as it starts
        runtime().configureBeforeStart(CliRuntime.MIGRATE_ON_START_PROPERTY, false);
        MigrationService.Status status = service(MigrationService.class).status();
        out().emit(status, out -> DbView.status(out, status));
        return status.upToDate() ? ExitCode.OK : ExitCode.FAILURE;
    }
}
