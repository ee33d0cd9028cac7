package io.moked.crm.tenant;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;
import java.util.Optional;

/** Tenants are the root of isolation, so this is the only repository not filtered by tenant. */
interface TenantRepository extends CrudRepository<TenantEntity, Long> {

    Optional<TenantEntity> findBySlug(String slug);

    List<TenantEntity> listOrderBySlug();

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends TenantRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends TenantRepository {
    }
}
