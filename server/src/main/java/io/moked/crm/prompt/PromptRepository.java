package io.moked.crm.prompt;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.Optional;

interface PromptRepository extends GenericRepository<PromptEntity, Long> {

    PromptEntity save(PromptEntity prompt);

    Optional<PromptEntity> findByTenantIdAndChannel(long tenantId, String channel);

    Optional<PromptEntity> findByTenantIdAndId(long tenantId, long id);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends PromptRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends PromptRepository {
    }
}
