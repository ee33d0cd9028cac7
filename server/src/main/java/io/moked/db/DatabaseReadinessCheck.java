package io.moked.db;

import io.micronaut.scheduling.annotation.Scheduled;
import io.moked.health.ReadinessCheck;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Database reachable and every Flyway migration applied. The probe runs in the background every few seconds
 * ({@code moked.db.readiness-interval}) so {@link #check()} only returns the last result, as the contract asks.
 */
@Singleton
@Named("database")
public class DatabaseReadinessCheck implements ReadinessCheck {
    private static final int VALIDATION_TIMEOUT_S = 2;

    private final MigrationService migrations;
    private final DataSource raw;
    private final AtomicReference<Result> last = new AtomicReference<>();

    public DatabaseReadinessCheck(MigrationService migrations, @Named("default") DataSource dataSource) {
        this.migrations = migrations;
        this.raw = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Result check() {
        Result r = last.get();
        return r != null ? r : refresh();
    }

    @Scheduled(fixedDelay = "${moked.db.readiness-interval:5s}", initialDelay = "${moked.db.readiness-interval:5s}")
    void scheduledRefresh() {
        refresh();
    }

    Result refresh() {
        Result r = probe();
        last.set(r);
        return r;
    }

    private Result probe() {
        String db = migrations.target().kind().name().toLowerCase();
        try (Connection c = raw.getConnection()) {
            if (!c.isValid(VALIDATION_TIMEOUT_S)) {
                return notReady(db, "database " + migrations.target().displayUrl() + " is not answering");
            }
        } catch (Exception e) {
            return notReady(db, "database " + migrations.target().displayUrl() + " unreachable: " + e.getMessage());
        }
        try {
            MigrationService.Status status = migrations.status();
            if (status.failed() > 0) {
                return notReady(db, status.failed() + " failed migration(s); fix the database and run: agentctl db migrate");
            }
            if (status.pending() > 0) {
                return notReady(db, status.pending() + " pending migration(s); run: agentctl db migrate");
            }
            String version = status.migrations().isEmpty() ? ""
                    : status.migrations().get(status.migrations().size() - 1).version();
            return new Result(true, db + " reachable, schema at version " + version,
                    Map.of("database", db, "schemaVersion", version));
        } catch (Exception e) {
            return notReady(db, "cannot read migration state: " + e.getMessage());
        }
    }

    private static Result notReady(String db, String detail) {
        return new Result(false, detail, Map.of("database", db));
    }
}
