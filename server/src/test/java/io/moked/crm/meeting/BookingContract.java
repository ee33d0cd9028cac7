package io.moked.crm.meeting;

import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadFacts;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import io.moked.testsupport.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Free slots (business hours, meeting length, booked meetings, DST) and booking: one slot booked by several callers
 * at once goes to exactly one of them; reschedule and cancel only touch the caller's own meetings.
 * "Now" is Wednesday 2025-03-26 08:00 in Jerusalem; DST starts on Friday 2025-03-28 at 02:00.
 */
abstract class BookingContract extends DbTestBase {
    static final ZoneId IL = ZoneId.of("Asia/Jerusalem");
    private static final int BOOKERS = 6;

    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    MeetingService meetings;
    @Inject
    AvailabilityService availability;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(TestClock.PROPERTY, local("2025-03-26T08:00").toString());
    }

    static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(IL).toInstant();
    }

    static List<String> starts(List<Slot> slots) {
        return slots.stream().map(s -> LocalDateTime.ofInstant(s.start(), IL).toString()).toList();
    }

    private Lead lead(Tenant t, String phone) {
        return leads.upsert(t, new LeadUpsert(phone, null, null, LeadSource.CALL), "agent");
    }

    @Test
    void freeSlotsFollowHoursLengthAndBookedMeetings() {
        Tenant t = Fixtures.tenant(tenants, "slots-co", "+97235559100");
        List<Slot> thursday = availability.free(t, local("2025-03-27T00:00"), local("2025-03-28T00:00"), 100);
        assertEquals(18, thursday.size(), "09:00 .. 17:30, 30 minutes each");
        assertEquals("2025-03-27T09:00", starts(thursday).get(0));
        assertEquals("2025-03-27T17:30", starts(thursday).get(17));

        meetings.book(t, new NewMeeting(lead(t, "+972545559100").id(), null, local("2025-03-27T10:00"), null,
                MeetingKind.VIEWING, null, null), "agent");
        List<String> after = starts(availability.free(t, local("2025-03-27T00:00"), local("2025-03-28T00:00"), 100));
        assertEquals(17, after.size());
        assertFalse(after.contains("2025-03-27T10:00"));
        assertTrue(after.contains("2025-03-27T09:30") && after.contains("2025-03-27T10:30"));

        // Friday (09-13) and closed Saturday, with the notice: today's first offer is an hour from now
        assertEquals(List.of("2025-03-28T09:00", "2025-03-28T09:30"),
                starts(availability.free(t, local("2025-03-28T00:00"), local("2025-03-30T00:00"), 2)));
        assertEquals(8, availability.free(t, local("2025-03-28T00:00"), local("2025-03-30T00:00"), 100).size());
        assertEquals("2025-03-26T09:00", starts(availability.free(t, local("2025-03-26T00:00"),
                local("2025-03-27T00:00"), 1)).get(0));

        assertEquals("outside business hours", availability.unbookable(t, local("2025-03-27T17:45")).orElseThrow());
        assertEquals("outside business hours", availability.unbookable(t, local("2025-03-29T10:00")).orElseThrow());
        assertTrue(availability.unbookable(t, local("2025-03-26T08:30")).orElseThrow().startsWith("too soon"));
        assertTrue(availability.unbookable(t, local("2025-03-27T17:30")).isEmpty());
    }

    @Test
    void slotsOnTheDaylightSavingChangeKeepTheirLocalTimesAndRealLength() {
        Tenant t = tenants.create(new TenantSpec("night-co", "משרד לילה", "נועה", null, null, null,
                Map.of("friday", "00:00-04:00"), 30, null, null, null, null, null, null, null, null,
                List.of("+97235559200")), Fixtures.ACTOR);
        List<Slot> slots = availability.free(t, local("2025-03-28T00:00"), local("2025-03-29T00:00"), 100);
        // 02:00 and 02:30 do not exist that night
        assertEquals(List.of("2025-03-28T00:00", "2025-03-28T00:30", "2025-03-28T01:00", "2025-03-28T01:30",
                "2025-03-28T03:00", "2025-03-28T03:30"), starts(slots));
        // the 01:30 slot ends at 03:00 local time: still 30 real minutes
        assertEquals(Instant.parse("2025-03-27T23:30:00Z"), slots.get(3).start());
        assertEquals(Instant.parse("2025-03-28T00:00:00Z"), slots.get(3).end());
    }

    @Test
    void concurrentBookingsOfOneSlotLetExactlyOneWin() throws Exception {
        Tenant t = Fixtures.tenant(tenants, "race-co", "+97235559300");
        List<Lead> callers = new ArrayList<>();
        for (int i = 0; i < BOOKERS; i++) {
            callers.add(lead(t, "+97254555930" + i));
        }
        Instant slot = local("2025-03-27T11:00");
        ExecutorService pool = Executors.newFixedThreadPool(BOOKERS);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> lost = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (Lead caller : callers) {
            futures.add(pool.submit(() -> {
                go.await();
                try {
                    meetings.book(t, new NewMeeting(caller.id(), null, slot, null, MeetingKind.VIEWING, null, null),
                            "call-" + caller.id());
                    won.incrementAndGet();
                } catch (Throwable e) {
                    lost.add(e);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, won.get(), "exactly one booking wins; losers: " + lost);
        assertEquals(BOOKERS - 1, lost.size());
        lost.forEach(e -> assertTrue(e instanceof ConflictException, "a loser gets a conflict, not " + e));
        assertEquals(1, meetings.busyBetween(t, slot, slot.plusSeconds(60)).size());
        List<String> offered = starts(availability.nearest(t, slot, 2));
        assertEquals(List.of("2025-03-27T10:30", "2025-03-27T11:30"), offered, "the nearest free slots");
    }

    @Test
    void rescheduleAndCancelOnlyTheCallersOwnMeetings() {
        Tenant t = Fixtures.tenant(tenants, "own-co", "+97235559400");
        Lead dana = lead(t, "+972545559400");
        Lead other = lead(t, "+972545559401");
        Meeting m = meetings.book(t, new NewMeeting(dana.id(), null, local("2025-03-27T12:00"), null,
                MeetingKind.MEETING, null, null), "agent");
        meetings.book(t, new NewMeeting(other.id(), null, local("2025-03-27T13:00"), null, MeetingKind.VIEWING,
                null, null), "agent");
        Lead booked = leads.get(t, dana.id());
        assertEquals("2025-03-27T12:00", booked.qualification().get(LeadFacts.MEETING_BOOKED));
        assertEquals(10, booked.score(), "a booked meeting scores");

        assertThrows(NotFoundException.class, () -> meetings.reschedule(t, other.id(), m.id(),
                local("2025-03-27T15:00"), "agent"));
        assertThrows(NotFoundException.class, () -> meetings.cancel(t, other.id(), m.id(), "agent"));
        assertThrows(ConflictException.class, () -> meetings.reschedule(t, dana.id(), m.id(),
                local("2025-03-27T13:15"), "agent"));
        Meeting moved = meetings.reschedule(t, dana.id(), m.id(), local("2025-03-27T15:00"), "agent");
        assertEquals(local("2025-03-27T15:30"), moved.endsAt());
        assertEquals("2025-03-27T15:00", leads.get(t, dana.id()).qualification().get(LeadFacts.MEETING_BOOKED));
        assertTrue(meetings.busyBetween(t, local("2025-03-27T12:00"), local("2025-03-27T12:30")).isEmpty());

        Meeting cancelled = meetings.cancel(t, dana.id(), m.id(), "agent");
        assertEquals(MeetingStatus.CANCELLED, cancelled.status());
        assertTrue(meetings.upcoming(t, dana.id()).isEmpty());
        Lead after = leads.get(t, dana.id());
        assertFalse(after.qualification().containsKey(LeadFacts.MEETING_BOOKED));
        assertEquals(0, after.score());
        assertEquals(1, meetings.upcoming(t, other.id()).size());
    }
}
