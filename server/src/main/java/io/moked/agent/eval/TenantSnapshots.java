package io.moked.agent.eval;

import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadStatus;
import io.moked.crm.lead.LeadStatusService;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.meeting.NewMeeting;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.BusinessHours;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.error.MokedException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes a {@link TenantSnapshot} from one database and restores it into another (a prompt eval's throw-away
 * SQLite database). The same bean type runs on both sides: {@link #take} in the appliance's context,
 * {@link #restore} in the eval's.
 */
@Singleton
public class TenantSnapshots {
    /** meetings copied: the booked ones starting within this long from now */
    static final Duration MEETINGS_AHEAD = Duration.ofDays(62);
    private static final List<Channel> PROMPT_CHANNELS = List.of(Channel.VOICE, Channel.CHAT);

    private final TenantService tenants;
    private final PromptService prompts;
    private final LeadService leads;
    private final LeadStatusService statuses;
    private final MeetingService meetings;
    private final Clock clock;

    public TenantSnapshots(TenantService tenants, PromptService prompts, LeadService leads,
                           LeadStatusService statuses, MeetingService meetings, Clock clock) {
        this.tenants = tenants;
        this.prompts = prompts;
        this.leads = leads;
        this.statuses = statuses;
        this.meetings = meetings;
        this.clock = clock;
    }

    /** @param callerPhones the eval's callers (normalized or not); their leads are copied when they exist */
    public TenantSnapshot take(Tenant t, Collection<String> callerPhones) {
        List<TenantSnapshot.PromptCopy> versions = new ArrayList<>();
        for (Channel channel : PROMPT_CHANNELS) {
            for (PromptVersion v : prompts.list(t, channel)) {
                versions.add(new TenantSnapshot.PromptCopy(channel, v.version(), v.body(), v.note(), v.author(),
                        v.active()));
            }
        }
        List<TenantSnapshot.LeadCopy> callers = new ArrayList<>();
        for (String phone : callerPhones) {
            leads.findByPhone(t, phone).ifPresent(l -> callers.add(new TenantSnapshot.LeadCopy(l.phone(), l.name(),
                    l.email(), l.qualification())));
        }
        Instant now = clock.instant();
        List<TenantSnapshot.MeetingCopy> booked = new ArrayList<>();
        for (Meeting m : meetings.busyBetween(t, now, now.plus(MEETINGS_AHEAD))) {
            booked.add(new TenantSnapshot.MeetingCopy(leads.get(t, m.leadId()).phone(), m.startsAt(), m.endsAt(),
                    m.kind(), m.address()));
        }
        return new TenantSnapshot(spec(t), versions, statuses.list(t), callers, booked);
    }

    /**
     * Creates the tenant with its prompts, statuses, callers' leads and meetings in this (empty) database.
     *
     * @return meetings that could not be copied (e.g. outside today's business hours), for a note
     */
    public Restored restore(TenantSnapshot snapshot, String actor) {
        Tenant t = tenants.create(snapshot.spec(), actor);
        for (TenantSnapshot.PromptCopy p : snapshot.prompts()) {
            PromptVersion pushed = prompts.push(t, p.channel(), p.body(), p.note(), p.author());
            if (pushed.version() != p.version()) {
                throw new IllegalStateException("prompt " + p.channel().id() + " v" + p.version() + " became v"
                        + pushed.version() + " in the copy");
            }
        }
        for (TenantSnapshot.PromptCopy p : snapshot.prompts()) {
            if (p.active()) {
                prompts.activate(t, p.channel(), p.version(), actor);
            }
        }
        Set<String> present = statuses.list(t).stream().map(LeadStatus::code).collect(Collectors.toSet());
        for (LeadStatus s : snapshot.statuses()) {
            if (!present.contains(s.code())) {
                statuses.add(t, s.code(), s.label(), null, actor);
            }
        }
        for (TenantSnapshot.LeadCopy l : snapshot.leads()) {
            Lead lead = leads.upsert(t, new LeadUpsert(l.phone(), l.name(), l.email(), LeadSource.CHAT), actor);
            if (!l.qualification().isEmpty()) {
                leads.update(t, lead.id(), new LeadPatch(null, null, null, l.qualification(), null, null), actor);
            }
        }
        int skipped = 0;
        for (TenantSnapshot.MeetingCopy m : snapshot.meetings()) {
            Optional<Lead> owner = leads.findByPhone(t, m.leadPhone());
            long leadId = owner.map(Lead::id).orElseGet(() -> leads.upsert(t, new LeadUpsert(m.leadPhone(), null, null,
                    LeadSource.MANUAL), actor).id());
            try {
                meetings.book(t, new NewMeeting(leadId, null, m.startsAt(), m.endsAt(), m.kind(), m.address(), null),
                        actor);
            } catch (MokedException e) {
                skipped++;
            }
        }
        return new Restored(tenants.get(t.slug()), skipped);
    }

    public record Restored(Tenant tenant, int meetingsSkipped) {
    }

    /** Everything of the tenant's configuration except phone numbers' Twilio side (credentials never leave). */
    static TenantSpec spec(Tenant t) {
        Map<String, String> hours = new LinkedHashMap<>();
        BusinessHours bh = t.businessHours();
        bh.toJson().forEach((day, ranges) -> hours.put(day, ranges.isEmpty() ? "closed" : String.join(",", ranges)));
        return new TenantSpec(t.slug(), t.businessName(), t.assistantName(), t.locale(), t.timeZone(),
                t.greetingTemplate(), hours, t.meetingMinutes(), t.transferNumber(), t.recordingEnabled(),
                t.retentionDays(), t.maxConcurrentCalls(), t.endOfTurnSilenceMs(), t.dtmfActions(), t.messages(),
                t.voice(), t.phoneNumbers(), t.persona(), t.scoring());
    }
}
