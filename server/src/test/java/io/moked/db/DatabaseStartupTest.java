package io.moked.db;

import io.micronaut.context.ApplicationContext;
import io.moked.crm.tenant.TenantRepositoryInfo;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.SqliteTestDb;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Startup behaviour: data dir creation, dialect selection, migration status, and a clear error when unreachable. */
class DatabaseStartupTest {

    @Test
    void sqliteDefaultCreatesDataDirMigratesAndSelectsSqliteRepositories() throws Exception {
        SqliteTestDb db = new SqliteTestDb();
        Path dataDir = db.dataDir().resolve("nested/var");
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.data-dir", dataDir.toString(),
                "moked.db.url", ""))) {
            MigrationService migrations = ctx.getBean(MigrationService.class);
            MigrationService.Status status = migrations.status();
            assertTrue(status.upToDate(), status.toString());
            assertEquals("sqlite", status.database());
            assertTrue(Files.exists(dataDir.resolve("moked.db")));
            assertEquals("Sqlite", TenantRepositoryInfo.variant(ctx));
            assertTrue(ctx.getBean(DatabaseReadinessCheck.class).check().ready());
        } finally {
            db.close();
        }
    }

    @Test
    void postgresUrlSelectsPostgresRepositoriesAndMigrationsRunOnlyWhenAsked() {
        PostgresTestDb db = new PostgresTestDb();
        try {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.data-dir", db.properties()
                    .get("moked.data-dir"), "moked.db.url", db.url(), "moked.db.migrate-on-start", "false"))) {
                MigrationService migrations = ctx.getBean(MigrationService.class);
                int pending = migrations.status().pending();
                assertTrue(pending >= 2, "nothing applied while only looking: " + pending);
                assertFalse(ctx.getBean(DatabaseReadinessCheck.class).check().ready());
                assertTrue(ctx.getBean(DatabaseReadinessCheck.class).check().detail().contains("agentctl db migrate"));
                assertEquals(pending, migrations.migrate());
                assertTrue(migrations.status().upToDate());
                assertEquals("Postgres", TenantRepositoryInfo.variant(ctx));
            }
        } finally {
            db.close();
        }
    }

    @Test
    void unreachableDatabaseIsOneClearLineWithoutThePassword() {
        SqliteTestDb db = new SqliteTestDb();
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.data-dir", db.dataDir().toString(),
                "moked.db.url", "postgresql://moked:topsecret@127.0.0.1:1/moked?connectTimeout=2"))) {
            Throwable e = assertThrows(Throwable.class, () -> ctx.getBean(MigrationService.class));
            DatabaseUnavailableException cause = find(e);
            assertTrue(cause.getMessage().startsWith("cannot open database jdbc:postgresql://127.0.0.1:1/moked"),
                    cause.getMessage());
            assertTrue(cause.getMessage().contains("refused"), cause.getMessage());
            assertFalse(cause.getMessage().contains("topsecret"));
            assertFalse(cause.getMessage().contains("\n"));
            var readiness = ctx.getBean(DatabaseReadinessCheck.class).check();
            assertFalse(readiness.ready());
            assertEquals(cause.getMessage(), readiness.detail(), "the appliance still starts and says why");
        } finally {
            db.close();
        }
    }

    private static DatabaseUnavailableException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return (DatabaseUnavailableException) t;
            }
        }
        throw new AssertionError("no DatabaseUnavailableException in", e);
    }
}
