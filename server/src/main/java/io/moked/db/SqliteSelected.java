package io.moked.db;

/** {@code @Requires(condition = SqliteSelected.class)}: the configured database is SQLite (the default). */
public final class SqliteSelected extends DbKindCondition {
    public SqliteSelected() {
        super(DbKind.SQLITE);
    }
}
