package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.DbErrors;
import io.moked.crm.audit.AuditService;
import io.moked.crm.lead.LeadService;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Calls and their turns. Webhook-facing methods are idempotent (Twilio retries and reorders callbacks); turns are
 * written as they happen so a crash mid-call loses nothing already said. Call traffic is not audited (it is its own
 * record); deleting a recording is.
 */
@Singleton
public class CallService {
    /** Twilio ends any call after 4 hours; older unended rows are crashed calls, not active ones. */
    static final Duration MAX_CALL_DURATION = Duration.ofHours(4);
    private static final int MAX_TURN_CHARS = 20_000;
    private static final TurnStages NO_STAGES = new TurnStages(null, null, null, null, null, null);
    private static final int MAX_REASON_CHARS = 500;
    private static final int MAX_SUMMARY_CHARS = 1000;
    /** Longest caller ID stored (From/To; SIP URIs exceed E.164's 16), the same on SQLite and PostgreSQL. */
    static final int MAX_CALLER_ID_CHARS = 255;

    private final CallRepository calls;
    private final CallTurnRepository turns;
    private final LeadService leads;
    private final PromptService prompts;
    private final AuditService audit;
    private final Clock clock;

    CallService(CallRepository calls, CallTurnRepository turns, LeadService leads, PromptService prompts,
                AuditService audit, Clock clock) {
        this.calls = calls;
        this.turns = turns;
        this.leads = leads;
        this.prompts = prompts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a call when its webhook arrives. A repeated webhook for the same CallSid returns the existing call.
     *
     * @throws ConflictException when the CallSid belongs to another tenant
     */
    @Transactional
    public Call create(Tenant tenant, NewCall call) {
        String sid = requireSid(call.callSid());
        var existing = calls.findByTenantIdAndCallSid(tenant.id(), sid);
        if (existing.isPresent()) {
            return toDto(existing.get());
        }
        if (calls.existsByCallSid(sid)) {
            throw new ConflictException("call " + sid + " belongs to another tenant");
        }
        Instant now = now();
        Instant started = call.startedAt() == null ? now : call.startedAt().truncatedTo(ChronoUnit.MILLIS);
        CallStatus status = call.status() == null ? CallStatus.RINGING : call.status();
        try {
            return toDto(calls.save(new CallEntity(null, tenant.id(), sid, callerId("from", call.from()),
                    callerId("to", call.to()), call.direction().id(), status.twilioName(), status.rank(), 0, now,
                    started, null, null, null, null, null, null, null, false, null, null, null, now, now, null,
                    null, null, null, null, null)));
        } catch (DataAccessException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw new ConflictException("call " + sid + " was created concurrently; retry", e);
            }
            throw e;
        }
    }

    /**
     * Applies a Twilio status callback. Repeats and statuses older than the current one are ignored
     * ({@code applied=false}); in-progress stamps answeredAt, a final status stamps endedAt (first one wins).
     *
     * @param sequenceNumber Twilio's SequenceNumber; null when unknown (lifecycle rank alone decides)
     * @param at             when Twilio says it happened; null = now
     */
    @Transactional
    public StatusChange updateStatus(Tenant tenant, String callSid, CallStatus status, @Nullable Integer sequenceNumber,
                                     @Nullable Instant at) {
        CallEntity call = bySid(tenant, callSid);
        Instant now = now();
        Instant when = at == null ? now : at.truncatedTo(ChronoUnit.MILLIS);
        int seq = sequenceNumber == null ? 0 : sequenceNumber;
        boolean applied = calls.advanceStatus(tenant.id(), call.callSid(), status.twilioName(), status.rank(), seq,
                when, now) == 1;
        if (applied && status == CallStatus.IN_PROGRESS) {
            calls.markAnswered(tenant.id(), call.id(), when);
        }
        if (applied && status.terminal()) {
            calls.markEnded(tenant.id(), call.id(), when, status.twilioName(), now);
        }
        return new StatusChange(applied, get(tenant, call.id()));
    }

    /** Appends the next turn of the call (numbered 1, 2, ...) and commits it at once. */
    @Transactional
    public CallTurn appendTurn(Tenant tenant, long callId, NewTurn turn) {
        if (turn.role() == null) {
            throw new ValidationException("turn role is required");
        }
        Instant now = now();
        if (calls.lockForUpdate(tenant.id(), callId, now) == 0) {
            throw NotFoundException.of("call", callId);
        }
        String text = turn.text() == null ? "" : turn.text();
        if (text.length() > MAX_TURN_CHARS) {
            text = text.substring(0, MAX_TURN_CHARS);
        }
        int seq = turns.maxSeq(tenant.id(), callId) + 1;
        TurnStages st = turn.stages() == null ? NO_STAGES : turn.stages();
        CallTurnEntity saved = turns.save(new CallTurnEntity(null, callId, tenant.id(), seq, turn.role().id(), text,
                turn.startMs(), turn.endMs(), turn.sttConfidence(), turn.interrupted(), turn.latencyMs(),
                st.endOfSpeechMs(), st.sttMs(), st.llmFirstTokenMs(), st.firstSentenceMs(), st.ttsFirstAudioMs(),
                st.firstFrameSentMs(), turn.resumed(), now));
        return toDto(saved);
    }

    /**
     * Stores an assistant turn as soon as its text is known, before the caller has heard it (so a crash mid-reply
     * keeps it): {@code text} is what the agent is saying, nothing heard yet. Follow with {@link #speakingTurn} as
     * more is said and heard, then {@link #finishSpokenTurn} or {@link #dropSpokenTurn}.
     */
    @Transactional
    public CallTurn startSpokenTurn(Tenant tenant, long callId, String text) {
        CallTurn turn = appendTurn(tenant, callId, new NewTurn(TurnRole.ASSISTANT, text, null, null, null, true,
                null, null, false));
        turns.markHeard(tenant.id(), turn.id(), "");
        return turn;
    }

    /** What the agent is saying in a turn still being spoken, and what the caller heard of it so far. */
    @Transactional
    public void speakingTurn(Tenant tenant, long turnId, String text, String heardText) {
        turns.updateSpeaking(tenant.id(), turnId, clipTurn(text), clipTurn(heardText));
    }

    /** The turn was spoken: from now on it is like any other turn ({@code turn.text()} is what was heard). */
    @Transactional
    public void finishSpokenTurn(Tenant tenant, long turnId, NewTurn turn) {
        TurnStages st = turn.stages() == null ? NO_STAGES : turn.stages();
        turns.finishSpoken(tenant.id(), turnId, clipTurn(turn.text()), turn.startMs(), turn.endMs(),
                turn.interrupted(), turn.latencyMs(), st.endOfSpeechMs(), st.sttMs(), st.llmFirstTokenMs(),
                st.firstSentenceMs(), st.ttsFirstAudioMs(), st.firstFrameSentMs(), turn.resumed());
    }

    /** The caller heard nothing of the turn (cut off before its first audio): it is not kept. */
    @Transactional
    public void dropSpokenTurn(Tenant tenant, long turnId) {
        turns.deleteSpeaking(tenant.id(), turnId);
    }

    private static String clipTurn(String text) {
        String t = text == null ? "" : text;
        return t.length() > MAX_TURN_CHARS ? t.substring(0, MAX_TURN_CHARS) : t;
    }

    /**
     * Marks the call ended by the appliance with how it ended. One reason per ending: whatever the order of the
     * stream's end and Twilio's status callback, the appliance's reason replaces a bare Twilio status
     * ({@code completed}) and is never replaced by one; a second appliance reason does not replace the first.
     * The first end time is kept.
     */
    @Transactional
    public Call end(Tenant tenant, long callId, @Nullable Instant endedAt, String reason) {
        CallEntity call = entity(tenant, callId);
        Instant now = now();
        calls.endWithReason(tenant.id(), call.id(), endedAt == null ? now : endedAt.truncatedTo(ChronoUnit.MILLIS),
                clip(require("end reason", reason)), now);
        return get(tenant, callId);
    }

    /** What happened to the caller's media frames (counted by the appliance from Twilio's chunk numbers). */
    @Transactional
    public Call setInboundFrames(Tenant tenant, long callId, long received, long lost, long duplicate, long dropped) {
        CallEntity call = entity(tenant, callId);
        calls.setInboundFrames(tenant.id(), call.id(), received, lost, duplicate, dropped, now());
        return get(tenant, callId);
    }

    /** @throws NotFoundException when the lead is not this tenant's */
    @Transactional
    public Call linkLead(Tenant tenant, long callId, long leadId) {
        CallEntity call = entity(tenant, callId);
        leads.get(tenant, leadId);
        calls.setLead(tenant.id(), call.id(), leadId, now());
        return get(tenant, callId);
    }

    /**
     * What the voice webhook's preparation of a call stores, in one transaction: the prompt version it runs with and,
     * when the caller has one, its lead ({@link #setPromptVersion} and {@link #linkLead} together).
     *
     * @throws NotFoundException when the version or the lead is not this tenant's
     */
    @Transactional
    public void prepared(Tenant tenant, long callId, long promptVersionId, @Nullable Long leadId) {
        CallEntity call = entity(tenant, callId);
        prompts.byId(tenant, promptVersionId).orElseThrow(() -> NotFoundException.of("prompt version", promptVersionId));
        Instant now = now();
        calls.setPromptVersion(tenant.id(), call.id(), promptVersionId, now);
        if (leadId != null) {
            leads.get(tenant, leadId);
            calls.setLead(tenant.id(), call.id(), leadId, now);
        }
    }

    /** Records which prompt version the call runs with. */
    @Transactional
    public Call setPromptVersion(Tenant tenant, long callId, long promptVersionId) {
        CallEntity call = entity(tenant, callId);
        prompts.byId(tenant, promptVersionId).orElseThrow(() -> NotFoundException.of("prompt version", promptVersionId));
        calls.setPromptVersion(tenant.id(), call.id(), promptVersionId, now());
        return get(tenant, callId);
    }

    /** The call went on with a fallback engine or a canned phrase; {@code reason} says which and why. */
    @Transactional
    public Call markDegraded(Tenant tenant, long callId, String reason) {
        CallEntity call = entity(tenant, callId);
        calls.markDegraded(tenant.id(), call.id(), clip(require("degraded reason", reason)), now());
        return get(tenant, callId);
    }

    @Transactional
    public Call setRecordingPath(Tenant tenant, long callId, String path) {
        CallEntity call = entity(tenant, callId);
        calls.setRecordingPath(tenant.id(), call.id(), clip(require("recording path", path)), now());
        return get(tenant, callId);
    }

    /** Where Twilio keeps the voicemail the caller left; never touches the call's own recording. */
    @Transactional
    public Call setVoicemail(Tenant tenant, long callId, String url, @Nullable Integer seconds) {
        CallEntity call = entity(tenant, callId);
        calls.setVoicemail(tenant.id(), call.id(), clip(require("voicemail url", url)), seconds, now());
        return get(tenant, callId);
    }

    /** After the retention job removed the file; audited. Repeating it changes nothing. */
    @Transactional
    public Call markRecordingDeleted(Tenant tenant, long callId, String actor) {
        CallEntity call = entity(tenant, callId);
        Instant now = now();
        if (calls.markRecordingDeleted(tenant.id(), call.id(), now, now) == 1) {
            audit.record(tenant.id(), actor, "call.recording-deleted", "call", call.callSid(),
                    Map.of("recordingPath", call.recordingPath() == null ? "" : call.recordingPath()),
                    Map.of("recordingDeletedAt", now.toString()));
        }
        return get(tenant, callId);
    }

    /** @throws NotFoundException when the tenant has no such call */
    @Transactional(readOnly = true)
    public Call get(Tenant tenant, long callId) {
        return toDto(entity(tenant, callId));
    }

    /** The tenant's call with this SID, if it has one (another tenant's call is not found). */
    @Transactional(readOnly = true)
    public java.util.Optional<Call> findBySid(Tenant tenant, String callSid) {
        return calls.findByTenantIdAndCallSid(tenant.id(), requireSid(callSid)).map(CallService::toDto);
    }

    @Transactional(readOnly = true)
    public Call getBySid(Tenant tenant, String callSid) {
        return toDto(bySid(tenant, callSid));
    }

    /**
     * Stores the call's short summary and outcome (written after the call, off the call path). The summary is what
     * the assistant is shown of this call on the caller's next calls, so it is clipped, never the transcript.
     */
    @Transactional
    public Call recordSummary(Tenant tenant, long callId, String summary, @Nullable CallOutcome outcome) {
        CallEntity call = entity(tenant, callId);
        String text = require("summary", summary).replaceAll("\\s+", " ");
        calls.setSummary(tenant.id(), call.id(), text.length() > MAX_SUMMARY_CHARS
                ? text.substring(0, MAX_SUMMARY_CHARS) : text, outcome == null ? null : outcome.id(), now());
        return get(tenant, callId);
    }

    /** The lead's calls that have a summary, newest first, without {@code exceptCallId} (the current call). */
    @Transactional(readOnly = true)
    public List<Call> summarizedCalls(Tenant tenant, long leadId, @Nullable Long exceptCallId, int limit) {
        if (limit <= 0) {
            throw new ValidationException("limit must be positive, got " + limit);
        }
        return calls.findByTenantIdAndLeadIdAndSummaryIsNotNull(tenant.id(), leadId, Pageable.from(0, limit + 1,
                        Sort.of(Sort.Order.desc("startedAt"), Sort.Order.desc("id")))).stream()
                .filter(c -> exceptCallId == null || c.id() != exceptCallId.longValue())
                .limit(limit).map(CallService::toDto).toList();
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<Call> list(Tenant tenant, int limit) {
        if (limit <= 0) {
            throw new ValidationException("limit must be positive, got " + limit);
        }
        return calls.findByTenantId(tenant.id(), Pageable.from(0, limit,
                Sort.of(Sort.Order.desc("startedAt"), Sort.Order.desc("id")))).stream().map(CallService::toDto).toList();
    }

    @Transactional(readOnly = true)
    public List<CallTurn> turns(Tenant tenant, long callId) {
        CallEntity call = entity(tenant, callId);
        return turns.findByTenantIdAndCallIdOrderBySeq(tenant.id(), call.id()).stream().map(CallService::toDto).toList();
    }

    /** Calls whose recording is still on disk and that ended more than {@code days} days ago (retention). */
    @Transactional(readOnly = true)
    public List<Call> recordingsOlderThan(Tenant tenant, int days) {
        if (days < 0) {
            throw new ValidationException("days must not be negative, got " + days);
        }
        Instant cutoff = now().minus(Duration.ofDays(days));
        return calls.findByTenantIdAndRecordingPathIsNotNullAndRecordingDeletedAtIsNullAndEndedAtLessThanOrderByEndedAt(
                tenant.id(), cutoff).stream().map(CallService::toDto).toList();
    }

    /** Calls of the tenant in progress across all appliances sharing the database. */
    @Transactional(readOnly = true)
    public long countActive(Tenant tenant) {
        return calls.countByTenantIdAndEndedAtIsNullAndStatusRankLessThanAndStartedAtGreaterThan(tenant.id(),
                CallStatus.TERMINAL_RANK, now().minus(MAX_CALL_DURATION));
    }

    // -----------------------------------------------------------------------------------------------------------

    private CallEntity entity(Tenant tenant, long callId) {
        return calls.findByTenantIdAndId(tenant.id(), callId).orElseThrow(() -> NotFoundException.of("call", callId));
    }

    private CallEntity bySid(Tenant tenant, String callSid) {
        return calls.findByTenantIdAndCallSid(tenant.id(), requireSid(callSid))
                .orElseThrow(() -> NotFoundException.of("call", callSid));
    }

    private static String requireSid(String sid) {
        return require("call SID", sid);
    }

    private static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field + " is required");
        }
        return value.strip();
    }

    private static String callerId(String field, String value) {
        String id = require(field, value);
        if (id.length() > MAX_CALLER_ID_CHARS) {
            throw new ValidationException(field + " is longer than " + MAX_CALLER_ID_CHARS + " characters");
        }
        return id;
    }

    private static String clip(String s) {
        return s.length() > MAX_REASON_CHARS ? s.substring(0, MAX_REASON_CHARS) : s;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static Call toDto(CallEntity e) {
        return new Call(e.id(), e.tenantId(), e.callSid(), e.fromNumber(), e.toNumber(),
                Direction.fromTwilio(e.direction()), CallStatus.fromTwilio(e.status()), e.statusAt(), e.startedAt(),
                e.answeredAt(), e.endedAt(), e.endReason(), e.leadId(), e.promptVersionId(), e.recordingPath(),
                e.recordingDeletedAt(), e.degraded(), e.degradedReason(), e.voicemailUrl(), e.voicemailSeconds(),
                e.createdAt(), e.updatedAt(), e.summary(), e.outcome() == null ? null : CallOutcome.parse(e.outcome()),
                e.framesReceived(), e.framesLost(), e.framesDuplicate(), e.framesDropped());
    }

    private static CallTurn toDto(CallTurnEntity e) {
        TurnStages stages = new TurnStages(e.endOfSpeechMs(), e.sttMs(), e.llmFirstTokenMs(), e.firstSentenceMs(),
                e.ttsFirstAudioMs(), e.firstFrameSentMs());
        return new CallTurn(e.id(), e.callId(), e.seq(), TurnRole.parse(e.role()), e.text(), e.startMs(), e.endMs(),
                e.sttConfidence(), e.interrupted(), e.latencyMs(), stages.equals(NO_STAGES) ? null : stages,
                e.createdAt(), e.resumed());
    }
}
