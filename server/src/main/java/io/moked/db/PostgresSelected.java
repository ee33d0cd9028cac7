package io.moked.db;

/** {@code @Requires(condition = PostgresSelected.class)}: the configured database is PostgreSQL. */
public final class PostgresSelected extends DbKindCondition {
    public PostgresSelected() {
        super(DbKind.POSTGRESQL);
    }
}
