package io.moked.cli.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.moked.cli.CliRuntime;
import org.junit.jupiter.api.Assumptions;

/**
 * A database for one CLI test class: SQLite in a temporary data directory, or a throwaway PostgreSQL database
 * {@code moked_t_<random>} (dropped on close) on MOKED_TEST_PG (default 127.0.0.1:5432, user postgres, trust).
 * An unreachable PostgreSQL skips the test locally and fails it when CI=true (scripts/test sets it).
 */
public final class TestDatabase implements AutoCloseable {
    private static final String PG_HOST_PORT = envOr("MOKED_TEST_PG", "127.0.0.1:5432");
    private static final String PG_USER = envOr("MOKED_TEST_PG_USER", "postgres");

    private final String kind;
    private final Path dataDir;
    private final String pgName;

    private TestDatabase(String kind, String pgName) {
        this.kind = kind;
        this.pgName = pgName;
        try {
            this.dataDir = Files.createTempDirectory("moked-cli-" + kind + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestDatabase sqlite() {
        return new TestDatabase("sqlite", null);
    }

    public static TestDatabase postgres() {
        String name = "moked_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + PG_HOST_PORT + " unreachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))
                    || "true".equalsIgnoreCase(System.getenv("MOKED_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
        }
        return new TestDatabase("postgresql", name);
    }

    public String kind() {
        return kind;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Properties for {@link CliRuntime.Builder#property}: data dir and, for PostgreSQL, the database URL. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CliRuntime.DATA_DIR_PROPERTY, dataDir.toString());
        if (pgName != null) {
            properties.put(CliRuntime.DB_URL_PROPERTY, "postgresql://" + PG_USER + "@" + PG_HOST_PORT + "/" + pgName);
        }
        return properties;
    }

    @Override
    public void close() {
        if (pgName != null) {
            try (Connection c = admin(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test database " + pgName, e);
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST_PORT + "/postgres?user=" + PG_USER
                + "&connectTimeout=5");
    }

    private static String envOr(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
