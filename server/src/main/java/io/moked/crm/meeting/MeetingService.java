package io.moked.crm.meeting;

import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.audit.AuditService;
import io.moked.crm.call.CallService;
import io.moked.crm.lead.LeadFacts;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
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
 * Viewings and meetings of a tenant's leads. Booking refuses a slot that overlaps another scheduled or confirmed
 * meeting of the tenant (one calendar per tenant for now). The check and the write run in one transaction that
 * first locks the tenant's calendar ({@link MeetingRepository#lockCalendar}), so of two callers booking one slot
 * at once exactly one wins. The caller-facing rules (business hours, proposing slots) are in
 * {@link AvailabilityService}. A booked meeting is noted on the lead ({@link LeadFacts#MEETING_BOOKED}), which
 * its score counts.
 */
@Singleton
public class MeetingService {
    private static final String ENTITY = "meeting";
    private static final int MAX_TEXT_CHARS = 500;
    private static final Duration MAX_MEETING = Duration.ofHours(8);
    private static final java.time.format.DateTimeFormatter LOCAL_MINUTES =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    private final MeetingRepository meetings;
    private final LeadService leads;
    private final CallService calls;
    private final AuditService audit;
    private final Clock clock;

    MeetingService(MeetingRepository meetings, LeadService leads, CallService calls, AuditService audit, Clock clock) {
        this.meetings = meetings;
        this.leads = leads;
        this.calls = calls;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws ConflictException   when the slot overlaps another booked meeting
     * @throws NotFoundException   when the lead or call is not this tenant's
     * @throws ValidationException for times in the past or an empty/overlong slot
     */
    @Transactional
    public Meeting book(Tenant tenant, NewMeeting request, String actor) {
        leads.get(tenant, request.leadId());
        if (request.callId() != null) {
            calls.get(tenant, request.callId());
        }
        Instant now = now();
        Instant start = request.startsAt().truncatedTo(ChronoUnit.MILLIS);
        Instant end = request.endsAt() != null ? request.endsAt().truncatedTo(ChronoUnit.MILLIS)
                : start.plus(Duration.ofMinutes(tenant.meetingMinutes()));
        if (!start.isAfter(now)) {
            throw new ValidationException("meeting start " + start + " is not in the future");
        }
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_MEETING) > 0) {
            throw new ValidationException("meeting must end after it starts and last at most " + MAX_MEETING.toHours()
                    + " hours");
        }
        if (request.kind() == null) {
            throw new ValidationException("meeting kind is required (viewing, meeting)");
        }
        meetings.lockCalendar(tenant.id());
        List<Meeting> clash = busyBetween(tenant, start, end);
        if (!clash.isEmpty()) {
            throw new ConflictException("slot " + start + " - " + end + " overlaps meeting " + clash.get(0).id()
                    + " (" + clash.get(0).startsAt() + " - " + clash.get(0).endsAt() + ")");
        }
        MeetingEntity saved = meetings.save(new MeetingEntity(null, tenant.id(), request.leadId(), request.callId(),
                start, end, request.kind().id(), clip(request.address()), clip(request.notes()),
                MeetingStatus.SCHEDULED.id(), now, now));
        Meeting booked = toDto(saved);
        audit.record(tenant.id(), actor, "meeting.book", ENTITY, booked.id(), null, booked);
        noteOnLead(tenant, request.leadId(), actor);
        return booked;
    }

    /**
     * Moves one of the lead's own booked meetings to {@code newStart} (same length), re-checking the new slot in
     * the locked transaction.
     *
     * @throws NotFoundException when the meeting is not this lead's (or not this tenant's)
     * @throws ConflictException when the new slot is taken, or the meeting is no longer booked
     */
    @Transactional
    public Meeting reschedule(Tenant tenant, long leadId, long meetingId, Instant newStart, String actor) {
        meetings.lockCalendar(tenant.id());
        MeetingEntity e = ownEntity(tenant, leadId, meetingId);
        if (!MeetingStatus.BUSY.contains(e.status())) {
            throw new ConflictException("meeting " + meetingId + " is " + e.status() + ", not booked");
        }
        Instant start = newStart.truncatedTo(ChronoUnit.MILLIS);
        if (!start.isAfter(now())) {
            throw new ValidationException("meeting start " + start + " is not in the future");
        }
        Instant end = start.plus(Duration.between(e.startsAt(), e.endsAt()));
        List<Meeting> clash = busyBetween(tenant, start, end).stream().filter(m -> m.id() != meetingId).toList();
        if (!clash.isEmpty()) {
            throw new ConflictException("slot " + start + " - " + end + " overlaps meeting " + clash.get(0).id()
                    + " (" + clash.get(0).startsAt() + " - " + clash.get(0).endsAt() + ")");
        }
        Meeting before = toDto(e);
        Meeting after = toDto(meetings.update(e.withTimes(start, end, now())));
        audit.record(tenant.id(), actor, "meeting.reschedule", ENTITY, meetingId, before, after);
        noteOnLead(tenant, leadId, actor);
        return after;
    }

    /**
     * Cancels one of the lead's own booked meetings.
     *
     * @throws NotFoundException when the meeting is not this lead's (or not this tenant's)
     */
    @Transactional
    public Meeting cancel(Tenant tenant, long leadId, long meetingId, String actor) {
        MeetingEntity e = ownEntity(tenant, leadId, meetingId);
        Meeting before = toDto(e);
        if (!MeetingStatus.BUSY.contains(e.status())) {
            return before;
        }
        Meeting after = toDto(meetings.update(e.withStatus(MeetingStatus.CANCELLED.id(), now())));
        audit.record(tenant.id(), actor, "meeting.cancel", ENTITY, meetingId, before, after);
        noteOnLead(tenant, leadId, actor);
        return after;
    }

    /** The lead's booked meetings that have not started yet, earliest first. */
    @Transactional(readOnly = true)
    public List<Meeting> upcoming(Tenant tenant, long leadId) {
        Instant now = now();
        return forLead(tenant, leadId).stream()
                .filter(m -> m.startsAt().isAfter(now) && MeetingStatus.BUSY.contains(m.status().id())).toList();
    }

    /** The lead's next booked meeting (tenant-local start) as a lead fact, or no fact when none is left. */
    private void noteOnLead(Tenant tenant, long leadId, String actor) {
        String next = upcoming(tenant, leadId).stream().findFirst()
                .map(m -> m.startsAt().atZone(tenant.zoneId()).format(LOCAL_MINUTES)).orElse("");
        String current = leads.get(tenant, leadId).qualification().getOrDefault(LeadFacts.MEETING_BOOKED, "");
        if (!next.equals(current)) {
            leads.update(tenant, leadId, LeadPatch.qualification(Map.of(LeadFacts.MEETING_BOOKED, next)), actor);
        }
    }

    private MeetingEntity ownEntity(Tenant tenant, long leadId, long meetingId) {
        MeetingEntity e = entity(tenant, meetingId);
        if (e.leadId() != leadId) {
            throw NotFoundException.of("meeting", meetingId);
        }
        return e;
    }

    /** Booked (scheduled or confirmed) meetings overlapping [from, to), earliest first. */
    @Transactional(readOnly = true)
    public List<Meeting> busyBetween(Tenant tenant, Instant from, Instant to) {
        return meetings.findByTenantIdAndStatusInAndStartsAtLessThanAndEndsAtGreaterThanOrderByStartsAt(tenant.id(),
                MeetingStatus.BUSY, to, from).stream().map(MeetingService::toDto).toList();
    }

    @Transactional(readOnly = true)
    public List<Meeting> forLead(Tenant tenant, long leadId) {
        leads.get(tenant, leadId);
        return meetings.findByTenantIdAndLeadIdOrderByStartsAt(tenant.id(), leadId).stream()
                .map(MeetingService::toDto).toList();
    }

    @Transactional(readOnly = true)
    public Meeting get(Tenant tenant, long id) {
        return toDto(entity(tenant, id));
    }

    @Transactional
    public Meeting setStatus(Tenant tenant, long id, MeetingStatus status, String actor) {
        MeetingEntity e = entity(tenant, id);
        Meeting before = toDto(e);
        Meeting after = toDto(meetings.update(e.withStatus(status.id(), now())));
        audit.record(tenant.id(), actor, "meeting.status", ENTITY, id, before, after);
        noteOnLead(tenant, e.leadId(), actor);
        return after;
    }

    private MeetingEntity entity(Tenant tenant, long id) {
        return meetings.findByTenantIdAndId(tenant.id(), id).orElseThrow(() -> NotFoundException.of("meeting", id));
    }

    private static String clip(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        return t.length() > MAX_TEXT_CHARS ? t.substring(0, MAX_TEXT_CHARS) : t;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Meeting toDto(MeetingEntity e) {
        return new Meeting(e.id(), e.tenantId(), e.leadId(), e.callId(), e.startsAt(), e.endsAt(),
                MeetingKind.parse(e.kind()), e.address(), e.notes(), MeetingStatus.parse(e.status()), e.createdAt(),
                e.updatedAt());
    }
}
