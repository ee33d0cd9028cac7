package io.moked.cli.doctor;

import java.util.Map;

import io.moked.cli.ExitCodeMapper;
import io.moked.db.MigrationService;

/** The database answers and its schema is fully migrated (doctor only looks; it never migrates). */
final class DatabaseCheck {
    static final String NAME = "database";

    private DatabaseCheck() {
    }

    static CheckResult run(MigrationService migrations) {
        MigrationService.Status status;
        try {
            status = migrations.status();
        } catch (RuntimeException e) {
            return CheckResult.failed(NAME, migrations.target().displayUrl() + " unreachable: "
                    + new ExitCodeMapper().message(e));
        }
        String where = status.database() + " " + status.url();
        Map<String, Object> info = Map.of("database", status.database(), "pending", status.pending(),
                "failed", status.failed());
        if (status.failed() > 0) {
            return new CheckResult(NAME, false, where + ": " + status.failed()
                    + " failed migration(s); see 'agentctl db status'", info);
        }
        if (status.pending() > 0) {
            return new CheckResult(NAME, false, where + ": " + status.pending()
                    + " pending migration(s); run 'agentctl db migrate'", info);
        }
        return new CheckResult(NAME, true, where + ": reachable, schema up to date", info);
    }
}
