package io.moked.crm.meeting;

import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class MeetingServiceContract extends DbTestBase {
    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    MeetingService meetings;

    @Test
    void bookRefusesOverlapsAndFreesTheSlotWhenCancelled() {
        Tenant t = Fixtures.tenant(tenants, "meet-co", "+97235557700");
        Tenant other = Fixtures.tenant(tenants, "meet-other", "+97235557701");
        Lead lead = leads.upsert(t, new LeadUpsert("+972545557700", "דנה", null, LeadSource.CALL), "agent");
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Meeting m = meetings.book(t, new NewMeeting(lead.id(), null, start, null, MeetingKind.VIEWING,
                "רחוב פלורנטין 10, תל אביב", null), "agent");
        assertEquals(start.plus(Duration.ofMinutes(t.meetingMinutes())), m.endsAt(), "default length from tenant");
        assertEquals(MeetingStatus.SCHEDULED, m.status());

        ConflictException clash = assertThrows(ConflictException.class, () -> meetings.book(t, new NewMeeting(
                lead.id(), null, start.plus(Duration.ofMinutes(10)), null, MeetingKind.MEETING, null, null), "agent"));
        assertTrue(clash.getMessage().contains("overlaps meeting " + m.id()), clash.getMessage());
        // back-to-back is fine
        meetings.book(t, new NewMeeting(lead.id(), null, m.endsAt(), null, MeetingKind.MEETING, null, null), "agent");
        assertEquals(List.of(m.id()), meetings.busyBetween(t, start, m.endsAt()).stream().map(Meeting::id).toList());

        meetings.setStatus(t, m.id(), MeetingStatus.CANCELLED, "dana");
        assertTrue(meetings.busyBetween(t, start, m.endsAt()).isEmpty());
        assertEquals(2, meetings.forLead(t, lead.id()).size());

        assertThrows(ValidationException.class, () -> meetings.book(t, new NewMeeting(lead.id(), null,
                Instant.now().minus(Duration.ofHours(1)), null, MeetingKind.VIEWING, null, null), "agent"));
        assertThrows(NotFoundException.class, () -> meetings.book(other, new NewMeeting(lead.id(), null,
                start.plus(Duration.ofDays(1)), null, MeetingKind.VIEWING, null, null), "intruder"));
        assertThrows(NotFoundException.class, () -> meetings.get(other, m.id()));
        assertThrows(NotFoundException.class, () -> meetings.setStatus(other, m.id(), MeetingStatus.DONE, "intruder"));
        assertThrows(NotFoundException.class, () -> meetings.forLead(other, lead.id()));
        assertTrue(meetings.busyBetween(other, start.minus(Duration.ofDays(10)), start.plus(Duration.ofDays(10)))
                .isEmpty());
        assertEquals(MeetingStatus.CANCELLED, meetings.get(t, m.id()).status());
    }
}
