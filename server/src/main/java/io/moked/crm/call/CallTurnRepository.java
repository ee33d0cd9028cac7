package io.moked.crm.call;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;

interface CallTurnRepository extends GenericRepository<CallTurnEntity, Long> {

    CallTurnEntity save(CallTurnEntity turn);

    List<CallTurnEntity> findByTenantIdAndCallIdOrderBySeq(long tenantId, long callId);

    @Query("SELECT COALESCE(MAX(seq), 0) FROM call_turns WHERE tenant_id = :tenantId AND call_id = :callId")
    int maxSeq(long tenantId, long callId);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends CallTurnRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends CallTurnRepository {
    }
}
