package io.moked.cli.doctor;

import java.util.Map;
import java.util.function.Supplier;

import io.moked.cli.ExitCodeMapper;
import io.moked.db.MigrationService;

/** The database answers and its schema is fully migrated (doctor only looks; it never migrates). */
final class DatabaseCheck {
    static final String NAME = "database";

    private DatabaseCheck() {
    }

    /**
     * @param migrations  the migration service; creating it opens the connection pool, which may already fail
     * @param description the configured database for the message (URL without password)
     */
    static CheckResult run(Supplier<MigrationService> migrations, String description) {
        MigrationService.Status status;
        try {
            status = migrations.get().status();
        } catch (RuntimeException e) {
            return CheckResult.failed(NAME, description + " unreachable: " + new ExitCodeMapper().message(e));
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
