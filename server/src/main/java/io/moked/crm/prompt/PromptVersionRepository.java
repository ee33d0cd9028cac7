package io.moked.crm.prompt;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;
import java.util.Optional;

/** Insert and read only: versions are immutable (the database refuses UPDATE too). */
interface PromptVersionRepository extends GenericRepository<PromptVersionEntity, Long> {

    PromptVersionEntity save(PromptVersionEntity version);

    Optional<PromptVersionEntity> findByTenantIdAndPromptIdAndVersion(long tenantId, long promptId, int version);

    Optional<PromptVersionEntity> findByTenantIdAndId(long tenantId, long id);

    List<PromptVersionEntity> findByTenantIdAndPromptIdOrderByVersion(long tenantId, long promptId);

    Optional<Integer> findMaxVersionByTenantIdAndPromptId(long tenantId, long promptId);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends PromptVersionRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends PromptVersionRepository {
    }
}
