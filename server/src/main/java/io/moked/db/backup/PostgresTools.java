package io.moked.db.backup;

import io.moked.db.DbKind;
import io.moked.db.DbTarget;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * On PostgreSQL the database server owns the data, so backups are PostgreSQL's own tools: this builds the
 * {@code pg_dump} / {@code pg_restore} command lines for the configured database (never with the password: libpq
 * takes it from {@code PGPASSWORD} or {@code ~/.pgpass}) and finds the tools on the PATH.
 */
public final class PostgresTools {
    /** JDBC URL parameters that mean the same to libpq; the rest (password, connectTimeout, ...) stay out. */
    private static final java.util.Set<String> LIBPQ_PARAMS = java.util.Set.of("sslmode", "sslrootcert", "sslcert",
            "sslkey");
    private PostgresTools() {
    }

    /** {@code pg_dump} in PostgreSQL's custom format, which {@code pg_restore} reads. */
    public static String dumpCommand(DbTarget target, Path out) {
        return "pg_dump --format=custom --file=" + shellQuote(out.toString()) + " --dbname="
                + shellQuote(libpqUrl(target));
    }

    /** {@code pg_restore} replacing the objects of the dump (run it with the appliance stopped). */
    public static String restoreCommand(DbTarget target, Path dump) {
        return "pg_restore --clean --if-exists --no-owner --dbname=" + shellQuote(libpqUrl(target)) + " "
                + shellQuote(dump.toString());
    }

    /** The tool's path when it is installed (on the PATH), else empty. */
    public static Optional<Path> find(String tool, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** postgresql://USER@HOST:PORT/DB?params, without the password (and without a password= parameter). */
    static String libpqUrl(DbTarget target) {
        if (target.kind() != DbKind.POSTGRESQL || !target.jdbcUrl().startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL URL with a host: " + target.displayUrl());
        }
        URI uri = URI.create(target.jdbcUrl().substring("jdbc:".length()));
        StringBuilder query = new StringBuilder();
        String user = target.username();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (key.equalsIgnoreCase("user") && user == null) {
                    user = pair.substring(pair.indexOf('=') + 1);
                } else if (LIBPQ_PARAMS.contains(key)) { // JDBC-only parameters would make pg_dump fail
                    query.append(query.length() == 0 ? "?" : "&").append(pair);
                }
            }
        }
        return "postgresql://" + (user == null ? "" : user + "@") + uri.getRawAuthority().replaceFirst("^.*@", "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + query;
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:@=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
