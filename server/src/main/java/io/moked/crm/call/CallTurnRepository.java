package io.moked.crm.call;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
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

    @Query("UPDATE call_turns SET heard_text = :heardText WHERE tenant_id = :tenantId AND id = :id")
    int markHeard(long tenantId, long id, String heardText);

    @Query("UPDATE call_turns SET text = :text, heard_text = :heardText "
            + "WHERE tenant_id = :tenantId AND id = :id AND heard_text IS NOT NULL")
    int updateSpeaking(long tenantId, long id, String text, String heardText);

    @Query("UPDATE call_turns SET text = :text, heard_text = NULL, start_ms = :startMs, end_ms = :endMs, "
            + "interrupted = :interrupted, latency_ms = :latencyMs, end_of_speech_ms = :endOfSpeechMs, "
            + "stt_ms = :sttMs, llm_first_token_ms = :llmFirstTokenMs, first_sentence_ms = :firstSentenceMs, "
            + "tts_first_audio_ms = :ttsFirstAudioMs, first_frame_sent_ms = :firstFrameSentMs "
            + "WHERE tenant_id = :tenantId AND id = :id AND heard_text IS NOT NULL")
    int finishSpoken(long tenantId, long id, String text, @Nullable Long startMs, @Nullable Long endMs,
                     boolean interrupted, @Nullable Integer latencyMs, @Nullable Integer endOfSpeechMs,
                     @Nullable Integer sttMs, @Nullable Integer llmFirstTokenMs, @Nullable Integer firstSentenceMs,
                     @Nullable Integer ttsFirstAudioMs, @Nullable Integer firstFrameSentMs);

    @Query("DELETE FROM call_turns WHERE tenant_id = :tenantId AND id = :id AND heard_text IS NOT NULL")
    int deleteSpeaking(long tenantId, long id);

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = PostgresSelected.class)
    interface Postgres extends CallTurnRepository {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = SqliteSelected.class)
    interface Sqlite extends CallTurnRepository {
    }
}
