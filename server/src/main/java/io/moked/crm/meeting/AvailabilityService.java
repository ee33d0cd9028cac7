package io.moked.crm.meeting;

import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TimeRange;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Free slots of a tenant's calendar: inside its business hours (tenant time zone), {@code meetingMinutes} long,
 * starting every {@code slotStepMinutes} from each opening time, at least {@code minNoticeMinutes} ahead and not
 * overlapping a booked meeting. Slots are computed on the calendar of each local day, so a daylight-saving change
 * neither shifts nor stretches them: a slot whose local start does not exist that day is left out and a meeting
 * always lasts its real length.
 */
@Singleton
public class AvailabilityService {
    private final MeetingService meetings;
    private final MeetingSettings settings;
    private final Clock clock;

    AvailabilityService(MeetingService meetings, MeetingSettings settings, Clock clock) {
        this.meetings = meetings;
        this.settings = settings;
        this.clock = clock;
    }

    public MeetingSettings settings() {
        return settings;
    }

    /** Free slots starting in [from, to), earliest first, at most {@code max}. */
    public List<Slot> free(Tenant tenant, Instant from, Instant to, int max) {
        Duration length = Duration.ofMinutes(tenant.meetingMinutes());
        Instant earliest = clock.instant().plus(Duration.ofMinutes(settings.minNoticeMinutes()));
        Instant start = from.isBefore(earliest) ? earliest : from;
        if (!to.isAfter(start) || max <= 0) {
            return List.of();
        }
        List<Meeting> busy = meetings.busyBetween(tenant, start, to.plus(length));
        ZoneId zone = tenant.zoneId();
        List<Slot> out = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = start.atZone(zone).toLocalDate(); !day.isAfter(last) && out.size() < max;
             day = day.plusDays(1)) {
            for (Slot s : daySlots(tenant, day, length)) {
                if (out.size() >= max) {
                    break;
                }
                if (!s.start().isBefore(start) && s.start().isBefore(to) && !overlaps(s, busy)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Up to {@code count} free slots nearest to {@code around} (before or after it), nearest first. */
    public List<Slot> nearest(Tenant tenant, Instant around, int count) {
        Duration window = Duration.ofDays(settings.searchDays());
        List<Slot> candidates = new ArrayList<>(free(tenant, around.minus(window), around.plus(window),
                Integer.MAX_VALUE));
        candidates.sort(Comparator.comparing((Slot s) -> Duration.between(around, s.start()).abs())
                .thenComparing(Slot::start));
        return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
    }

    /**
     * Why a meeting of the tenant's length cannot start at {@code start}, or empty when it fits the business hours
     * and notice (whether it is free is the booking's own check).
     */
    public Optional<String> unbookable(Tenant tenant, Instant start) {
        if (start.isBefore(clock.instant().plus(Duration.ofMinutes(settings.minNoticeMinutes())))) {
            return Optional.of(start.isAfter(clock.instant()) ? "too soon: meetings are booked at least "
                    + settings.minNoticeMinutes() + " minutes ahead" : "that time has passed");
        }
        Duration length = Duration.ofMinutes(tenant.meetingMinutes());
        ZonedDateTime local = start.atZone(tenant.zoneId());
        for (TimeRange r : tenant.businessHours().on(local.getDayOfWeek())) {
            ZonedDateTime open = ZonedDateTime.of(local.toLocalDate(), r.open(), tenant.zoneId());
            ZonedDateTime close = ZonedDateTime.of(local.toLocalDate(), r.close(), tenant.zoneId());
            if (!local.isBefore(open) && !local.plus(length).isAfter(close)) {
                return Optional.empty();
            }
        }
        return Optional.of("outside business hours");
    }

    private List<Slot> daySlots(Tenant tenant, LocalDate day, Duration length) {
        List<Slot> out = new ArrayList<>();
        ZoneId zone = tenant.zoneId();
        for (TimeRange r : tenant.businessHours().on(day.getDayOfWeek())) {
            ZonedDateTime close = ZonedDateTime.of(day, r.close(), zone);
            for (var t = r.open(); t.isBefore(r.close()); t = t.plusMinutes(settings.slotStepMinutes())) {
                ZonedDateTime s = ZonedDateTime.of(day, t, zone);
                if (!s.toLocalTime().equals(t)) {
                    continue; // the clock skips this time today (daylight saving starts)
                }
                ZonedDateTime e = s.plus(length);
                if (e.isAfter(close)) {
                    break;
                }
                out.add(new Slot(s.toInstant(), e.toInstant()));
                if (t.plusMinutes(settings.slotStepMinutes()).isBefore(t)) {
                    break; // wrapped past midnight
                }
            }
        }
        return out;
    }

    private static boolean overlaps(Slot s, List<Meeting> busy) {
        return busy.stream().anyMatch(m -> m.startsAt().isBefore(s.end()) && m.endsAt().isAfter(s.start()));
    }
}
