package io.moked.db;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.moked.config.MokedConfig;
import io.moked.testsupport.SqliteTestDb;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseReadinessCheckTest {

    /** The real migration service, counting how often Flyway's status (a scan of the jar's migrations) is read. */
    static final class CountingMigrations extends MigrationService {
        final AtomicInteger statusReads = new AtomicInteger();

        CountingMigrations(ApplicationContext ctx) {
            super(ctx.getBean(DbTarget.class), ctx.getBean(DataSource.class, Qualifiers.byName("default")),
                    ctx.getBean(MokedConfig.class), ctx.getBean(Clock.class));
        }

        @Override
        public Status status() {
            statusReads.incrementAndGet();
            return super.status();
        }
    }

    @Test
    void flywaysStatusIsReadAgainOnlyWhenTheHistoryChanged() {
        SqliteTestDb db = new SqliteTestDb();
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("moked.data-dir", db.dataDir().toString(),
                "moked.db.url", "", "moked.db.migrate-on-start", "false"))) {
            CountingMigrations migrations = new CountingMigrations(ctx);
            DatabaseReadinessCheck check = new DatabaseReadinessCheck(() -> migrations);

            var pending = check.refresh();
            assertFalse(pending.ready());
            assertTrue(pending.detail().contains("pending migration"), pending.detail());
            check.refresh();
            assertEquals(2, migrations.statusReads.get(), "no history table yet: only Flyway can tell");

            migrations.migrate();
            var ready = check.refresh();
            assertTrue(ready.ready(), ready.detail());
            assertEquals(3, migrations.statusReads.get());
            for (int i = 0; i < 5; i++) {
                assertEquals(ready, check.refresh());
            }
            assertEquals(3, migrations.statusReads.get(), "an unchanged history needs no new scan");
        } finally {
            db.close();
        }
    }
}
