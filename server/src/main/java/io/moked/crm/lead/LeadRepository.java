package io.moked.crm.lead;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Every finder takes the tenant: there is deliberately no findById. */
interface LeadRepository extends GenericRepository<LeadEntity, Long> {

    LeadEntity save(LeadEntity lead);

    LeadEntity update(LeadEntity lead);

    Optional<LeadEntity> findByTenantIdAndId(long tenantId, long id);

    Optional<LeadEntity> findByTenantIdAndPhone(long tenantId, String phone);

    /** One query for a batch of a lead import. */
    List<LeadEntity> findByTenantIdAndPhoneIn(long tenantId, Collection<String> phones);

    List<LeadEntity> findByTenantId(long tenantId, Pageable page);

    List<LeadEntity> findByTenantIdAndStatus(long tenantId, String status, Pageable page);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends LeadRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends LeadRepository {
    }
}
