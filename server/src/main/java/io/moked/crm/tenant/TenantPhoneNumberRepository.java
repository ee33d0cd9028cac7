package io.moked.crm.tenant;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;
import java.util.Optional;

interface TenantPhoneNumberRepository extends GenericRepository<TenantPhoneNumberEntity, Long> {

    TenantPhoneNumberEntity save(TenantPhoneNumberEntity entity);

    /** Lookup by number across tenants: this is how an incoming call finds its tenant. */
    Optional<TenantPhoneNumberEntity> findByE164(String e164);

    List<TenantPhoneNumberEntity> findByTenantIdOrderByE164(long tenantId);

    int deleteByTenantIdAndE164(long tenantId, String e164);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends TenantPhoneNumberRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends TenantPhoneNumberRepository {
    }
}
