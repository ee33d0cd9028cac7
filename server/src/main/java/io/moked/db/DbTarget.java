package io.moked.db;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the database is, resolved from {@code moked.db.url} (may be absent) and the data directory.
 * Accepts {@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://...} and the libpq style
 * {@code postgresql://user:pass@host:port/db} (credentials move into username/password, never into logs).
 */
public record DbTarget(DbKind kind, String jdbcUrl, @Nullable String username, @Nullable String password,
                       @Nullable Path sqliteFile) {

    /**
     * SQLite pragmas every connection needs (STACK.md 6–9): WAL so readers do not block the writer, a busy timeout
     * instead of instant SQLITE_BUSY, enforced foreign keys, and IMMEDIATE transactions so concurrent writers queue
     * on the write lock at BEGIN rather than failing on lock upgrade.
     */
    static final Map<String, String> SQLITE_PARAMS = orderedParams(
            "journal_mode", "WAL", "busy_timeout", "5000", "foreign_keys", "true", "transaction_mode", "IMMEDIATE");
    static final String SQLITE_FILE_NAME = "moked.db";
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&]*");

    public static DbTarget resolve(@Nullable String url, Path dataDir) {
        if (url == null || url.isBlank()) {
            return sqlite(dataDir.resolve(SQLITE_FILE_NAME).toString(), "");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:sqlite:")) {
            String rest = trimmed.substring("jdbc:sqlite:".length());
            int q = rest.indexOf('?');
            return q < 0 ? sqlite(rest, "") : sqlite(rest.substring(0, q), rest.substring(q + 1));
        }
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return postgres(trimmed.substring("jdbc:".length()), true);
        }
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return postgres(trimmed, false);
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite:FILE, "
                + "jdbc:postgresql://HOST/DB or postgresql://USER:PASS@HOST/DB): " + redact(trimmed));
    }

    /** Only the product, for {@code @Requires} conditions that must not touch the filesystem. */
    public static DbKind detectKind(@Nullable String url) {
        if (url == null || url.isBlank() || url.trim().startsWith("jdbc:sqlite:")) {
            return DbKind.SQLITE;
        }
        return resolve(url, Path.of(".")).kind();
    }

    public Optional<Path> sqliteFileOpt() {
        return Optional.ofNullable(sqliteFile);
    }

    /** The URL with any password removed, safe for logs and {@code agentctl doctor}. */
    public String displayUrl() {
        return redact(jdbcUrl) + (username != null ? " (user " + username + ")" : "");
    }

    @Override
    public String toString() {
        return "DbTarget[" + kind + " " + displayUrl() + "]";
    }

    private static DbTarget sqlite(String file, String query) {
        Map<String, String> params = new LinkedHashMap<>(SQLITE_PARAMS);
        params.putAll(parseQuery(query));
        boolean inMemory = file.isEmpty() || file.contains(":memory:") || file.startsWith("file:");
        String jdbcUrl = "jdbc:sqlite:" + file + "?" + joinQuery(params);
        return new DbTarget(DbKind.SQLITE, jdbcUrl, null, null, inMemory ? null : Path.of(file));
    }

    private static DbTarget postgres(String uriText, boolean alreadyJdbc) {
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed PostgreSQL URL: " + redact(uriText));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        if (uri.getHost() == null) {
            if (alreadyJdbc) {
                // jdbc:postgresql:dbname or other forms the driver understands without a host part
                return new DbTarget(DbKind.POSTGRESQL, "jdbc:" + uriText, null, null, null);
            }
            throw new IllegalArgumentException("PostgreSQL URL has no host: " + redact(uriText));
        }
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DbTarget(DbKind.POSTGRESQL, "jdbc:postgresql://" + hostPort + path + query, user, password, null);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return out;
    }

    private static String joinQuery(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    private static Map<String, String> orderedParams(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        String noUserInfoPassword = url.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
        return PASSWORD_PARAM.matcher(noUserInfoPassword).replaceAll("$1***");
    }
}
