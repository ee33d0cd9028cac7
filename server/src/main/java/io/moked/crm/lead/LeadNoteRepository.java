package io.moked.crm.lead;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.util.List;

/** Append-only notes; deleted only with their lead (lead forget). */
interface LeadNoteRepository extends GenericRepository<LeadNoteEntity, Long> {

    LeadNoteEntity save(LeadNoteEntity note);

    List<LeadNoteEntity> findByTenantIdAndLeadIdOrderById(long tenantId, long leadId);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends LeadNoteRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends LeadNoteRepository {
    }
}
