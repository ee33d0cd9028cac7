package io.moked.cli.db;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "db", description = "Database schema: migrate, status.",
        subcommands = {
            DbMigrateCommand.class,
            DbStatusCommand.class,
        })
public final class DbCommand extends CommandGroup {
}
