package io.moked.cli.lead;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadNote;
import io.moked.crm.lead.LeadProfile;
import io.moked.crm.meeting.Meeting;

/**
 * What lead commands print with {@code -o json}. {@link Card} is an interface scripts rely on (issue 9): phone,
 * name, status, score, tier, fields, meetings with tenant-local {@code YYYY-MM-DDTHH:MM} start and end.
 */
final class LeadDtos {
    /** Tenant-local time without offset, to the minute (the scheduling tools' format). */
    static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private LeadDtos() {
    }

    /** One lead with its meetings and notes (lead show). */
    record Card(String phone, String name, String email, String status, String statusLabel, Integer score,
                String tier, String source, Map<String, String> fields, List<MeetingLine> meetings,
                List<NoteLine> notes, Instant createdAt, Instant updatedAt) {
    }

    /** A meeting of a lead; start and end in the tenant's zone. */
    record MeetingLine(String start, String end, String kind, String status, String address) {
    }

    record NoteLine(Instant at, String author, String text) {
    }

    /** A lead in a list. */
    record Row(String phone, String name, String email, String status, Integer score, String tier, String source,
               Map<String, String> fields, Instant createdAt, Instant updatedAt) {
    }

    static Card card(LeadProfile profile, ZoneId zone) {
        Lead l = profile.lead();
        return new Card(l.phone(), l.name(), l.email(), l.status(), profile.statusLabel(), l.score(),
                l.tier() == null ? null : l.tier().id(), l.source().id(), l.qualification(),
                profile.meetings().stream().map(m -> meeting(m, zone)).toList(),
                profile.notes().stream().map(LeadDtos::note).toList(), l.createdAt(), l.updatedAt());
    }

    static Row row(Lead l) {
        return new Row(l.phone(), l.name(), l.email(), l.status(), l.score(), l.tier() == null ? null : l.tier().id(),
                l.source().id(), l.qualification(), l.createdAt(), l.updatedAt());
    }

    static MeetingLine meeting(Meeting m, ZoneId zone) {
        return new MeetingLine(LOCAL_MINUTES.format(m.startsAt().atZone(zone)),
                LOCAL_MINUTES.format(m.endsAt().atZone(zone)), m.kind().id(), m.status().id(), m.address());
    }

    static NoteLine note(LeadNote n) {
        return new NoteLine(n.createdAt(), n.author(), n.text());
    }
}
