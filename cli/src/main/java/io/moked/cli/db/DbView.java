package io.moked.cli.db;

import java.time.ZoneId;

import io.moked.cli.output.Fields;
import io.moked.cli.output.Formats;
import io.moked.cli.output.Output;
import io.moked.cli.output.Table;
import io.moked.db.MigrationService;

/** Table rendering of the migration status. */
final class DbView {
    private DbView() {
    }

    static void status(Output out, MigrationService.Status status) {
        Fields.create()
                .add("Database", status.database() + " " + status.url())
                .add("State", status.upToDate() ? "up to date"
                        : status.newer() > 0 ? status.newer() + " migration(s) from a newer Moked: this version "
                                + "refuses to run on this database (see 'agentctl db migrate')"
                        : status.failed() > 0 ? status.failed() + " failed migration(s): the schema needs repair"
                        : status.pending() + " pending migration(s): run 'agentctl db migrate'")
                .render(out);
        out.line("");
        Table.of("VERSION", "DESCRIPTION", "STATE", "INSTALLED")
                .rows(status.migrations(), m -> java.util.List.of(m.version(), m.description(), m.state(),
                        Formats.time(m.installedOn(), ZoneId.systemDefault())))
                .empty("No migrations found.")
                .render(out);
    }
}
