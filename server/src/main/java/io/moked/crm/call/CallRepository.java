package io.moked.crm.call;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.moked.db.PostgresSelected;
import io.moked.db.SqliteSelected;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every method takes the tenant; the hand-written SQL below is plain SQL valid on SQLite and PostgreSQL. */
interface CallRepository extends GenericRepository<CallEntity, Long> {

    CallEntity save(CallEntity call);

    Optional<CallEntity> findByTenantIdAndId(long tenantId, long id);

    Optional<CallEntity> findByTenantIdAndCallSid(long tenantId, String callSid);

    /** Tenant-less on purpose: only used to tell "exists for another tenant" from "does not exist". */
    boolean existsByCallSid(String callSid);

    List<CallEntity> findByTenantId(long tenantId, Pageable page);

    List<CallEntity> findByTenantIdAndLeadIdAndSummaryIsNotNull(long tenantId, long leadId, Pageable page);

    @Query("UPDATE calls SET summary = :summary, outcome = :outcome, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id")
    int setSummary(long tenantId, long id, String summary, @Nullable String outcome, Instant now);

    List<CallEntity> findByTenantIdAndRecordingPathIsNotNullAndRecordingDeletedAtIsNullAndEndedAtLessThanOrderByEndedAt(
            long tenantId, Instant endedBefore);

    long countByTenantIdAndEndedAtIsNullAndStatusRankLessThanAndStartedAtGreaterThan(long tenantId, int rank,
                                                                                     Instant startedAfter);

    /**
     * Applies a status only when it moves the call forward: a higher lifecycle rank, or the same rank with a higher
     * Twilio sequence number. One statement, so concurrent callbacks cannot interleave read and write.
     */
    @Query("UPDATE calls SET status = :status, status_rank = :rank, status_seq = :seq, status_at = :at, "
            + "updated_at = :now WHERE tenant_id = :tenantId AND call_sid = :callSid "
            + "AND (status_rank < :rank OR (status_rank = :rank AND status_seq < :seq))")
    int advanceStatus(long tenantId, String callSid, String status, int rank, int seq, Instant at, Instant now);

    /**
     * Touches the call row first thing in a write transaction: on PostgreSQL the row lock serialises concurrent
     * turn appends of one call (SQLite's IMMEDIATE transactions already do), so turn numbers cannot collide.
     */
    @Query("UPDATE calls SET updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
    int lockForUpdate(long tenantId, long id, Instant now);

    @Query("UPDATE calls SET answered_at = :at WHERE tenant_id = :tenantId AND id = :id AND answered_at IS NULL")
    int markAnswered(long tenantId, long id, Instant at);

    @Query("UPDATE calls SET ended_at = :at, end_reason = COALESCE(end_reason, :reason), updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id AND ended_at IS NULL")
    int markEnded(long tenantId, long id, Instant at, @Nullable String reason, Instant now);

    @Query("UPDATE calls SET frames_received = :received, frames_lost = :lost, frames_duplicate = :duplicate, "
            + "frames_dropped = :dropped, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
    int setInboundFrames(long tenantId, long id, long received, long lost, long duplicate, long dropped, Instant now);

    /**
     * The appliance's own end of a call (how the media stream ended): sets the reason unless the call already has
     * one more specific than a Twilio status name. A status callback ({@link #markEnded}) may have ended the row
     * first with only {@code completed}; this replaces that vaguer reason (and keeps the first end time). The
     * status names are CallStatus's terminal ones (CallServiceContract checks the list).
     */
    @Query("UPDATE calls SET ended_at = COALESCE(ended_at, :at), end_reason = :reason, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id AND (end_reason IS NULL "
            + "OR end_reason IN ('completed', 'busy', 'failed', 'no-answer', 'canceled'))")
    int endWithReason(long tenantId, long id, Instant at, String reason, Instant now);

    @Query("UPDATE calls SET lead_id = :leadId, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
    int setLead(long tenantId, long id, long leadId, Instant now);

    @Query("UPDATE calls SET prompt_version_id = :versionId, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
    int setPromptVersion(long tenantId, long id, long versionId, Instant now);

    @Query("UPDATE calls SET degraded = TRUE, degraded_reason = :reason, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id")
    int markDegraded(long tenantId, long id, String reason, Instant now);

    @Query("UPDATE calls SET recording_path = :path, recording_deleted_at = NULL, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id")
    int setRecordingPath(long tenantId, long id, String path, Instant now);

    @Query("UPDATE calls SET voicemail_url = :url, voicemail_seconds = :seconds, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id")
    int setVoicemail(long tenantId, long id, String url, @Nullable Integer seconds, Instant now);

    @Query("UPDATE calls SET recording_deleted_at = :at, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id AND recording_deleted_at IS NULL")
    int markRecordingDeleted(long tenantId, long id, Instant at, Instant now);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends CallRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends CallRepository {
    }
}
