package io.moked.crm.audit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;

/** Append-only: no update or delete. */
interface AuditRepository extends GenericRepository<AuditEntity, Long> {

    AuditEntity save(AuditEntity entry);

    List<AuditEntity> findByTenantId(long tenantId, Pageable page);

    List<AuditEntity> findAll(Pageable page);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends AuditRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends AuditRepository {
    }
}
