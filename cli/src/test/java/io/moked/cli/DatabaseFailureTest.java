package io.moked.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import io.moked.cli.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unreachable or locked database is one clear line and exit 1; -v adds the stack trace. */
class DatabaseFailureTest {
    @TempDir
    Path dataDir;

    private CliRun unreachable() {
        return new CliRun(CliRuntime.builder()
                .property(CliRuntime.DATA_DIR_PROPERTY, dataDir.toString())
                .property(CliRuntime.DB_URL_PROPERTY,
                        "postgresql://postgres:s3cret@127.0.0.1:1/nowhere?connectTimeout=2")
                .build());
    }

    @Test
    void unreachableDatabaseIsOneLineWithoutStackTrace() {
        try (CliRun cli = unreachable()) {
            CliRun.Result result = cli.run("tenant", "list");
            assertEquals(ExitCode.FAILURE, result.exitCode(), result.err());
            String line = result.errLine();
            assertTrue(line.startsWith("error: "), line);
            assertTrue(line.contains("127.0.0.1:1"), "names the database: " + line);
            assertFalse(line.contains("s3cret"), "never prints the password: " + line);
        }
    }

    @Test
    void verboseAddsTheStackTrace() {
        try (CliRun cli = unreachable()) {
            CliRun.Result result = cli.run("tenant", "list", "-v");
            assertEquals(ExitCode.FAILURE, result.exitCode());
            assertTrue(result.err().startsWith("error: "), result.err());
            assertTrue(result.err().contains("\tat "), result.err());
            assertFalse(result.err().contains("s3cret"), result.err());
        }
    }

    @Test
    void lockedSqliteDatabaseIsOneLine() throws Exception {
        try (TestDatabase database = TestDatabase.sqlite(); CliRun cli = CliRun.on(database)) {
            cli.ok("db", "migrate");
            Path file = database.dataDir().resolve("moked.db");
            // another process holds the write lock for longer than the busy timeout
            try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement st = holder.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
                CliRun.Result result = cli.run("tenant", "create", "--slug", "locked-co", "--business-name", "L",
                        "--assistant-name", "D");
                assertEquals(ExitCode.FAILURE, result.exitCode(), result.err());
                assertTrue(result.errLine().toLowerCase().contains("locked"), result.err());
                st.execute("ROLLBACK");
            }
            // the lock is gone: the same runtime (as in the shell or the appliance) writes again
            for (int i = 0; i < 3; i++) {
                cli.ok("tenant", "create", "--slug", "after-lock-" + i, "--business-name", "L", "--assistant-name", "D");
            }
        }
    }
}
