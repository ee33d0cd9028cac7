package io.moked.crm.lead;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;

interface LeadStatusRepository extends GenericRepository<LeadStatusEntity, Long> {

    LeadStatusEntity save(LeadStatusEntity status);

    LeadStatusEntity update(LeadStatusEntity status);

    List<LeadStatusEntity> findByTenantIdOrderByPosition(long tenantId);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends LeadStatusRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends LeadStatusRepository {
    }
}
