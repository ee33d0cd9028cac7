package io.moked.crm.meeting;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface MeetingRepository extends GenericRepository<MeetingEntity, Long> {

    MeetingEntity save(MeetingEntity meeting);

    MeetingEntity update(MeetingEntity meeting);

    Optional<MeetingEntity> findByTenantIdAndId(long tenantId, long id);

    /** Meetings that overlap [from, to): they start before {@code to} and end after {@code from}. */
    List<MeetingEntity> findByTenantIdAndStatusInAndStartsAtLessThanAndEndsAtGreaterThanOrderByStartsAt(
            long tenantId, Collection<String> statuses, Instant to, Instant from);

    List<MeetingEntity> findByTenantIdAndLeadIdOrderByStartsAt(long tenantId, long leadId);

    /**
     * Serialises the calendar writes of one tenant until the transaction ends, so "is the slot free?" and "book it"
     * cannot interleave between two callers. Each dialect locks its own way (below).
     */
    List<Long> lockCalendar(long tenantId);

    /** PostgreSQL: a row lock on the tenant, held to the end of the transaction (READ COMMITTED alone would not). */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends MeetingRepository {
        @Override
        @Query("SELECT id FROM tenants WHERE id = :tenantId FOR UPDATE")
        List<Long> lockCalendar(long tenantId);
    }

    /** SQLite: transactions are BEGIN IMMEDIATE (DbTarget), so a writing transaction already excludes others. */
    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends MeetingRepository {
        @Override
        @Query("SELECT id FROM tenants WHERE id = :tenantId")
        List<Long> lockCalendar(long tenantId);
    }
}
