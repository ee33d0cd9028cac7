package io.moked.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbTargetTest {
    private static final Path DATA = Path.of("/srv/moked");

    @Test
    void absentUrlMeansSqliteInTheDataDirWithThePragmas() {
        DbTarget t = DbTarget.resolve(null, DATA);
        assertEquals(DbKind.SQLITE, t.kind());
        assertEquals("jdbc:sqlite:/srv/moked/moked.db?journal_mode=WAL&busy_timeout=5000&foreign_keys=true"
                + "&transaction_mode=IMMEDIATE", t.jdbcUrl());
        assertEquals(Path.of("/srv/moked/moked.db"), t.sqliteFile());
        assertEquals(DbKind.SQLITE, DbTarget.resolve("  ", DATA).kind());
    }

    @Test
    void explicitSqliteUrlKeepsItsParametersAndGetsTheMissingOnes() {
        DbTarget t = DbTarget.resolve("jdbc:sqlite:/data/x.db?busy_timeout=20000", DATA);
        assertEquals("jdbc:sqlite:/data/x.db?journal_mode=WAL&busy_timeout=20000&foreign_keys=true"
                + "&transaction_mode=IMMEDIATE", t.jdbcUrl());
        assertEquals(Path.of("/data/x.db"), t.sqliteFile());
    }

    @Test
    void libpqStyleUrlMovesCredentialsOutOfTheUrl() {
        DbTarget t = DbTarget.resolve("postgresql://moked:p%40ss:word@db.local:5433/moked?sslmode=require", DATA);
        assertEquals(DbKind.POSTGRESQL, t.kind());
        assertEquals("jdbc:postgresql://db.local:5433/moked?sslmode=require", t.jdbcUrl());
        assertEquals("moked", t.username());
        assertEquals("p@ss:word", t.password());
        assertFalse(t.toString().contains("p@ss"));
        assertNull(t.sqliteFile());
        assertEquals(DbKind.POSTGRESQL, DbTarget.resolve("postgres://u@h/db", DATA).kind());
    }

    @Test
    void jdbcPostgresUrlIsPassedThroughAndItsPasswordRedactedForDisplay() {
        DbTarget t = DbTarget.resolve("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2", DATA);
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2", t.jdbcUrl());
        assertTrue(t.displayUrl().contains("password=***"), t.displayUrl());
        assertFalse(t.displayUrl().contains("hunter2"));
        DbTarget withUserInfo = DbTarget.resolve("jdbc:postgresql://u:secret@h/db", DATA);
        assertEquals("jdbc:postgresql://h/db", withUserInfo.jdbcUrl());
        assertEquals("secret", withUserInfo.password());
    }

    @Test
    void unsupportedUrlsAreRejectedWithoutEchoingPasswords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DbTarget.resolve("mysql://root:topsecret@h/db", DATA));
        assertTrue(e.getMessage().startsWith("unsupported database URL"), e.getMessage());
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }
}
