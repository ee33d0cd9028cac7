package io.moked.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On SQLite an upgrade also copies the database aside before migrating it (the way back). */
class SchemaUpgradeSqliteTest extends SchemaUpgradeContract {
    @Override
    protected TestDb newDb() {
        return new SqliteTestDb();
    }

    private Path dataDir() {
        return ((SqliteTestDb) db).dataDir();
    }

    @Test
    void anUpgradeBacksTheOldDatabaseUpBeforeMigratingIt() throws Exception {
        try (HikariDataSource ds = pool()) {
            flyway(ds, DbKind.SQLITE, "2").migrate(); // the database as an older Moked (schema 2) left it
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE site_marker (note TEXT)");
                st.execute("INSERT INTO site_marker VALUES ('written by the old version')");
            }
        }

        try (ApplicationContext ctx = ApplicationContext.run(properties(true))) {
            assertTrue(ctx.getBean(MigrationService.class).status().upToDate());
        }

        List<Path> backups = list(dataDir().resolve("backups"));
        assertEquals(1, backups.size(), backups.toString());
        String name = backups.get(0).getFileName().toString();
        assertTrue(name.startsWith("moked-schema-2-before-") && name.endsWith(".db"), name);
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + backups.get(0));
             Statement st = old.createStatement()) {
            assertEquals("2", single(st, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history "
                    + "WHERE success = 1"));
            assertEquals("written by the old version", single(st, "SELECT note FROM site_marker"));
            assertEquals("0", single(st, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'appliance_meta'"),
                    "the copy is from before the migration");
        }
        try (Connection now = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("moked.db"));
             Statement st = now.createStatement()) {
            assertEquals("written by the old version", single(st, "SELECT note FROM site_marker"));
        }

        // starting again migrates nothing and copies nothing
        try (ApplicationContext ctx = ApplicationContext.run(properties(true))) {
            assertTrue(ctx.getBean(MigrationService.class).status().upToDate());
        }
        assertEquals(1, list(dataDir().resolve("backups")).size());
    }

    @Test
    void aNewDatabaseNeedsNoBackup() {
        try (ApplicationContext ctx = ApplicationContext.run(properties(true))) {
            assertTrue(ctx.getBean(MigrationService.class).status().upToDate());
        }
        assertFalse(Files.exists(dataDir().resolve("backups")));
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
