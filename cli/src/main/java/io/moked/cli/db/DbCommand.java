package io.moked.cli.db;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "db", description = "Database: schema migrations, backup and restore.",
        subcommands = {
            DbMigrateCommand.class,
            DbStatusCommand.class,
            DbBackupCommand.class,
            DbRestoreCommand.class,
        })
public final class DbCommand extends CommandGroup {
}
