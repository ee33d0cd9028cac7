package io.moked.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.moked.config.MokedVersion;
import io.moked.testsupport.TestDb;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrades and downgrades on both databases: migrating records which Moked did, and a database migrated by a newer
 * Moked (a migration this build does not know, from db/test-future) is refused with a message naming both versions,
 * at start and by {@code db migrate}, without touching the database.
 */
abstract class SchemaUpgradeContract {
    protected TestDb db;

    protected abstract TestDb newDb();

    @BeforeEach
    void createDb() {
        db = newDb();
    }

    @AfterEach
    void dropDb() {
        db.close();
    }

    protected Map<String, Object> properties(boolean migrateOnStart) {
        Map<String, Object> p = new HashMap<>(db.properties());
        p.put("moked.db.migrate-on-start", migrateOnStart);
        return p;
    }

    protected DbTarget target() {
        Map<String, String> p = db.properties();
        return DbTarget.resolve(p.get("moked.db.url"), Path.of(p.get("moked.data-dir")));
    }

    /** A pool on the test database outside any application context (the "previous" or "next" Moked). */
    protected HikariDataSource pool() {
        DbTarget target = target();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.username());
        config.setPassword(target.password());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Flyway as another Moked build would run it: up to {@code target}, with extra migration folders. */
    protected static Flyway flyway(HikariDataSource ds, DbKind kind, String target, String... extraLocations) {
        List<String> locations = new ArrayList<>(kind.migrationLocations());
        locations.addAll(List.of(extraLocations));
        return Flyway.configure().dataSource(ds).locations(locations.toArray(String[]::new))
                .placeholders(FlywayMigrations.placeholders(kind))
                .target(target == null ? MigrationVersion.LATEST : MigrationVersion.fromVersion(target)).load();
    }

    @Test
    void migratingRecordsTheMokedVersionThatDidIt() {
        try (ApplicationContext ctx = ApplicationContext.run(properties(true))) {
            MigrationService migrations = ctx.getBean(MigrationService.class);
            assertEquals(MokedVersion.current(), migrations.lastMigratedBy().orElseThrow());
            MigrationService.Status status = migrations.status();
            assertTrue(status.upToDate(), status.toString());
            assertEquals(0, status.newer());
        }
    }

    @Test
    void aDatabaseMigratedByANewerMokedIsRefusedNamingBothVersions() throws Exception {
        try (HikariDataSource ds = pool()) {
            flyway(ds, target().kind(), null, "classpath:db/test-future").migrate();
            setLastMigratedBy(ds, "9.9.0");
        }

        try (ApplicationContext ctx = ApplicationContext.run(properties(true))) {
            Throwable e = assertThrows(Throwable.class, () -> ctx.getBean(MigrationService.class));
            SchemaTooNewException refused = find(e);
            String msg = refused.getMessage();
            assertTrue(msg.contains("schema version 900, migrated by Moked 9.9.0"), msg);
            assertTrue(msg.contains("this is Moked " + MokedVersion.current() + ", which knows schema versions up to"),
                    msg);
            assertFalse(msg.contains("up to 900"), msg);
            assertTrue(msg.contains("agentctl db restore"), msg);
            assertFalse(msg.contains("\n"), msg);
            var readiness = ctx.getBean(DatabaseReadinessCheck.class).check();
            assertFalse(readiness.ready());
            assertEquals(msg, readiness.detail());
        }

        // agentctl db migrate / db status (no migration at start) refuse too and change nothing
        try (ApplicationContext ctx = ApplicationContext.run(properties(false))) {
            MigrationService migrations = ctx.getBean(MigrationService.class);
            assertEquals(1, migrations.status().newer());
            assertFalse(migrations.status().upToDate());
            assertThrows(SchemaTooNewException.class, migrations::migrate);
            assertEquals("9.9.0", migrations.lastMigratedBy().orElseThrow());
        }
    }

    static void setLastMigratedBy(HikariDataSource ds, String version) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE appliance_meta SET value = ?, updated_at = ? WHERE name = 'last-migrated-by'")) {
            st.setString(1, version);
            st.setTimestamp(2, Timestamp.from(Instant.now()));
            if (st.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO appliance_meta (name, value, updated_at) VALUES ('last-migrated-by', ?, ?)")) {
                    insert.setString(1, version);
                    insert.setTimestamp(2, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }
            }
        }
    }

    static SchemaTooNewException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaTooNewException s) {
                return s;
            }
        }
        throw new AssertionError("no SchemaTooNewException in", e);
    }
}
