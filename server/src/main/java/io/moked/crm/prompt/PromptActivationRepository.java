package io.moked.crm.prompt;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;
import java.util.Optional;

/** Append-only activation history; the newest row of a prompt is the active version. */
interface PromptActivationRepository extends GenericRepository<PromptActivationEntity, Long> {

    PromptActivationEntity save(PromptActivationEntity activation);

    Optional<PromptActivationEntity> findFirstByTenantIdAndPromptIdOrderByIdDesc(long tenantId, long promptId);

    Optional<PromptActivationEntity> findByTenantIdAndId(long tenantId, long id);

    List<PromptActivationEntity> findByTenantIdAndPromptIdOrderByIdDesc(long tenantId, long promptId);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends PromptActivationRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends PromptActivationRepository {
    }
}
