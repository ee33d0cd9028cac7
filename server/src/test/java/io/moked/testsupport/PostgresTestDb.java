package io.moked.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Creates its own database {@code moked_t_<random>} on the test PostgreSQL server (other helpers and CI jobs share
 * it) and drops it afterwards. Server: env MOKED_TEST_PG (host:port, default 127.0.0.1:5432), user postgres, trust
 * auth. When the server is unreachable the test class is skipped locally but fails when CI=true
 * or MOKED_REQUIRE_POSTGRES=true (set by scripts/test once it has made sure PostgreSQL answers).
 */
public final class PostgresTestDb implements TestDb {
    private static final String HOST_PORT = envOr("MOKED_TEST_PG", "127.0.0.1:5432");
    private static final String USER = envOr("MOKED_TEST_PG_USER", "postgres");

    private final String name = "moked_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    private final Path dataDir;

    public PostgresTestDb() {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String msg = "PostgreSQL at " + HOST_PORT + " unreachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))
                    || "true".equalsIgnoreCase(System.getenv("MOKED_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(msg, e);
            }
            Assumptions.abort(msg);
        }
        try {
            dataDir = Files.createTempDirectory("moked-pgtest-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** libpq style with credentials in the URL, as an admin would set MOKED_DB_URL. */
    public String url() {
        return "postgresql://" + USER + "@" + HOST_PORT + "/" + name;
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("moked.data-dir", dataDir.toString(), "moked.db.url", url());
    }

    @Override
    public String describe() {
        return "postgresql " + name;
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST_PORT + "/postgres?user=" + USER
                + "&connectTimeout=5");
    }

    private static String envOr(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
