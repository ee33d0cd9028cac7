package io.moked.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.moked.config.PrivateFiles;
import io.micronaut.context.annotation.Factory;
import io.micronaut.data.jdbc.config.DataJdbcConfiguration;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.moked.config.DbConfig;
import io.moked.config.MokedConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Builds the one datasource ("default") from {@link DbConfig}: SQLite in the data directory unless
 * {@code moked.db.url} points elsewhere. We build the pool ourselves rather than through {@code datasources.*}
 * because the URL is computed (data dir, libpq-style URLs with credentials) and Flyway locations depend on the
 * detected product. Pending migrations are applied here, before any repository can see the datasource, by
 * {@link SchemaMigrator} (refuses a newer schema, backs SQLite up first).
 */
@Factory
public class DataSourceFactory {
    static final String POOL_NAME = "moked";
    private static final Logger LOG = LoggerFactory.getLogger(DataSourceFactory.class);

    private HikariDataSource pool;

    @Singleton
    DbTarget dbTarget(MokedConfig config, DbConfig db) {
        PrivateFiles.directory(config.dataDir()); // 0700 whatever the umask (docs/security.md)
        DbTarget target = DbTarget.resolve(db.url(), config.dataDir());
        target.sqliteFileOpt().map(Path::toAbsolutePath).map(Path::getParent).ifPresent(PrivateFiles::subdirectory);
        return target;
    }

    /**
     * The SQLite file is created 0600 before SQLite opens it, because SQLite gives its -wal and -shm files the mode
     * of the database file; files left by an older version (or another umask) are set to 0600 here too.
     */
    static void privateSqliteFiles(DbTarget target) {
        target.sqliteFileOpt().map(Path::toAbsolutePath).ifPresent(file -> {
            PrivateFiles.createFile(file);
            for (String suffix : SQLITE_SIDE_FILES) {
                PrivateFiles.file(file.resolveSibling(file.getFileName() + suffix));
            }
        });
    }

    /** Files SQLite keeps next to the database: write-ahead log, shared-memory index, rollback journal. */
    static final java.util.List<String> SQLITE_SIDE_FILES = java.util.List.of("-wal", "-shm", "-journal");

    @Singleton
    @Named("default")
    DataSource dataSource(DbTarget target, DbConfig db, MokedConfig config, Clock clock) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(POOL_NAME);
        hikari.setJdbcUrl(target.jdbcUrl());
        hikari.setUsername(target.username());
        hikari.setPassword(target.password());
        hikari.setMaximumPoolSize(db.poolSize() > 0 ? db.poolSize() : target.kind().defaultPoolSize());
        HikariDataSource created;
        try {
            privateSqliteFiles(target);
            created = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot open database " + target.displayUrl() + ": "
                    + rootMessage(e), e);
        }
        synchronized (this) {
            pool = created;
        }
        LOG.info("database: {}", target.displayUrl());
        if (db.migrateOnStart()) {
            try {
                int applied = new SchemaMigrator(created, target, config.backupsDir(), clock).migrate().applied();
                if (applied > 0) {
                    LOG.info("applied {} database migration(s)", applied);
                }
            } catch (DatabaseUnavailableException e) {
                close();
                throw e; // already one line naming the database (e.g. a downgrade refused)
            } catch (RuntimeException e) {
                close();
                throw new DatabaseUnavailableException("cannot migrate database " + target.displayUrl() + ": "
                        + rootMessage(e), e);
            }
        }
        return target.kind() == DbKind.SQLITE ? new ReadOnlyIgnoringDataSource(created) : created;
    }

    /**
     * Micronaut Data's per-datasource settings normally come from {@code datasources.default.*}; as the pool is built
     * here, the matching configuration is too (the dialect recorded here is informational: repository SQL is fixed
     * at compile time by the per-dialect sub-interfaces, see docs/database.md).
     */
    @Singleton
    @Named("default")
    DataJdbcConfiguration dataJdbcConfiguration(DbTarget target) {
        DataJdbcConfiguration config = new DataJdbcConfiguration("default");
        config.setDialect(target.kind() == DbKind.POSTGRESQL ? Dialect.POSTGRES : Dialect.MYSQL);
        return config;
    }

    @PreDestroy
    synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** The innermost message, on one line: that is where drivers say what actually went wrong. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.replaceAll("\\s+", " ").strip();
    }

}
