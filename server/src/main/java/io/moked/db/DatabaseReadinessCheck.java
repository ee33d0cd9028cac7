package io.moked.db;

import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import io.moked.health.ReadinessCheck;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Database reachable and every Flyway migration applied. The probe runs in the background every few seconds
 * ({@code moked.db.readiness-interval}, default 5s) so {@link #check()} only returns the last result, as the
 * contract asks. Each probe pings the database and reads a fingerprint of Flyway's history table; Flyway's own
 * status (which scans the migration resources in the jar: ~19 of 21 samples of the scheduler thread in a profile
 * at 100 calls on one core, every 5 s) is read again only when the history changed (another appliance or
 * {@code agentctl db migrate} migrated the shared database). The datasource is looked up lazily: an appliance whose database is down still starts, answers
 * /health, and reports here why it is not ready until the database comes back.
 */
@Singleton
public class DatabaseReadinessCheck implements ReadinessCheck {
    private static final int VALIDATION_TIMEOUT_S = 2;

    private final BeanProvider<MigrationService> migrations;
    private final AtomicReference<Result> last = new AtomicReference<>();
    private final AtomicReference<Known> lastKnown = new AtomicReference<>();

    public DatabaseReadinessCheck(BeanProvider<MigrationService> migrations) {
        this.migrations = migrations;
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
        MigrationService service;
        try {
            service = migrations.get();
        } catch (RuntimeException e) {
            return new Result(false, unavailableMessage(e), Map.of());
        }
        String db = service.target().kind().name().toLowerCase();
        try {
            if (!service.ping(VALIDATION_TIMEOUT_S)) {
                return notReady(db, "database " + service.target().displayUrl() + " is not answering");
            }
        } catch (Exception e) {
            return notReady(db, "database " + service.target().displayUrl() + " unreachable: "
                    + DataSourceFactory.rootMessage(e));
        }
        java.util.Optional<String> fingerprint = service.historyFingerprint();
        Known known = lastKnown.get();
        if (fingerprint.isPresent() && known != null && known.fingerprint().equals(fingerprint.get())) {
            return known.result(); // the history is unchanged, so is the migration state
        }
        Result result = migrationState(service, db);
        lastKnown.set(fingerprint.map(f -> new Known(f, result)).orElse(null));
        return result;
    }

    /** The last migration state read from Flyway and the history it was read at. */
    private record Known(String fingerprint, Result result) {
    }

    private static Result migrationState(MigrationService service, String db) {
        try {
            MigrationService.Status status = service.status();
            if (status.newer() > 0) {
                try {
                    service.refuseNewerSchema();
                } catch (SchemaTooNewException e) {
                    return notReady(db, e.getMessage());
                }
            }
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
            return notReady(db, "cannot read migration state: " + DataSourceFactory.rootMessage(e));
        }
    }

    private static String unavailableMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return t.getMessage();
            }
        }
        return "database unavailable: " + DataSourceFactory.rootMessage(e);
    }

    private static Result notReady(String db, String detail) {
        return new Result(false, detail, Map.of("database", db));
    }
}
