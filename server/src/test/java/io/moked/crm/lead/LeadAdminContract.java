package io.moked.crm.lead;

import io.moked.crm.audit.AuditEntry;
import io.moked.crm.audit.AuditService;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.NewCall;
import io.moked.crm.call.NewTurn;
import io.moked.crm.meeting.MeetingKind;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.meeting.NewMeeting;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lead statuses, notes, profiles, filtered lists and forgetting a person, on a real database. */
abstract class LeadAdminContract extends DbTestBase {
    static final String ACTOR = "admin";

    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    LeadStatusService statuses;
    @Inject
    LeadNoteService notes;
    @Inject
    LeadProfiles profiles;
    @Inject
    LeadQueries queries;
    @Inject
    LeadForgetService forget;
    @Inject
    MeetingService meetings;
    @Inject
    CallService calls;
    @Inject
    AuditService audit;

    @Test
    void statusesAreAddedRenamedAndReorderedWithoutTouchingLeads() {
        Tenant t = Fixtures.tenant(tenants, "st-co", "+97235551100");
        Lead lead = leads.upsert(t, new LeadUpsert("052-555-1101", "דנה", null, LeadSource.CALL), ACTOR);
        leads.setStatus(t, lead.id(), "contacted", ACTOR);

        List<LeadStatus> added = statuses.add(t, "Viewing", "בצפייה", 3, ACTOR);
        assertEquals(List.of("new", "contacted", "viewing", "qualified", "meeting-set", "won", "lost"),
                added.stream().map(LeadStatus::code).toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), added.stream().map(LeadStatus::position).toList());

        statuses.rename(t, "contacted", "בטיפול", ACTOR);
        assertEquals("contacted", leads.get(t, lead.id()).status(), "leads keep the code");
        assertEquals("בטיפול", profiles.byPhone(t, "0525551101").statusLabel());
        assertEquals("contacted", statuses.resolve(t, "בטיפול"));

        statuses.reorder(t, List.of("contacted", "new", "בצפייה", "qualified", "meeting-set", "won", "lost"), ACTOR);
        assertEquals("contacted", leads.upsert(t, new LeadUpsert("052-555-1102", null, null, LeadSource.CALL), ACTOR)
                .status(), "the first status goes to new leads");

        assertThrows(ConflictException.class, () -> statuses.add(t, "won", "x", null, ACTOR));
        assertThrows(ConflictException.class, () -> statuses.add(t, "other", "חדש", null, ACTOR));
        assertThrows(ValidationException.class, () -> statuses.add(t, "bad code!", "x", null, ACTOR));
        assertThrows(ValidationException.class, () -> statuses.add(t, "late", "x", 99, ACTOR));
        ValidationException missing = assertThrows(ValidationException.class,
                () -> statuses.reorder(t, List.of("new", "contacted"), ACTOR));
        assertTrue(missing.getMessage().contains("missing: viewing, qualified"), missing.getMessage());
        assertThrows(NotFoundException.class, () -> statuses.rename(t, "nope", "x", ACTOR));
        assertEquals(3, audit.forTenant(t, 50).stream().filter(e -> e.action().startsWith("lead-status.")
                && !e.action().equals("lead-status.seed")).count());
    }

    @Test
    void notesAndMeetingsShowOnTheProfile() {
        Tenant t = Fixtures.tenant(tenants, "note-co", "+97235551200");
        Lead lead = leads.upsert(t, new LeadUpsert("052-555-1201", "רון", null, LeadSource.CALL), ACTOR);
        notes.append(t, lead.id(), "  ביקש שיחזרו אחרי 17:00 ", "dana");
        notes.append(t, lead.id(), "second", "yossi");
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        meetings.book(t, new NewMeeting(lead.id(), null, start, null, MeetingKind.VIEWING, "הרצל 1", null), ACTOR);

        LeadProfile p = profiles.byPhone(t, "+972525551201");
        assertEquals(List.of("ביקש שיחזרו אחרי 17:00", "second"), p.notes().stream().map(LeadNote::text).toList());
        assertEquals(List.of("dana", "yossi"), p.notes().stream().map(LeadNote::author).toList());
        assertEquals(List.of(start), p.meetings().stream().map(m -> m.startsAt()).toList());
        assertEquals("חדש", p.statusLabel());
        assertThrows(ValidationException.class, () -> notes.append(t, lead.id(), " ", ACTOR));
        assertThrows(NotFoundException.class, () -> profiles.byPhone(t, "052-555-1299"));
        Tenant other = Fixtures.tenant(tenants, "note-other", "+97235551201");
        assertThrows(NotFoundException.class, () -> notes.append(other, lead.id(), "x", ACTOR));
    }

    @Test
    void listFiltersByStatusTierTimeAndSearch() {
        Tenant t = Fixtures.tenant(tenants, "list-co", "+97235551300");
        Lead a = leads.upsert(t, new LeadUpsert("052-555-1301", "Dana Cohen", "dana@example.com", LeadSource.CALL),
                ACTOR);
        Lead b = leads.upsert(t, new LeadUpsert("054-777-1302", "רון 100%_", null, LeadSource.CALL), ACTOR);
        leads.upsert(t, new LeadUpsert("03-555-1303", null, null, LeadSource.CALL), ACTOR);
        // hot by the tenant's scoring rules: ASAP 30 + pre-approved 25 + no agent 20 + a numeric budget 15 = 90
        leads.update(t, b.id(), new LeadPatch(null, null, "qualified", Map.of("timeline", "asap",
                "pre_approved", "yes", "has_agent", "no", "budget", "2000000"), null, null), ACTOR);
        Tenant other = Fixtures.tenant(tenants, "list-other", "+97235551301");
        leads.upsert(other, new LeadUpsert("052-555-1301", "Dana Cohen", null, LeadSource.CALL), ACTOR);

        assertEquals(List.of(b.id()), ids(queries.list(t, new LeadFilter("qualified", null, null, null), 10, 0)));
        assertEquals(List.of(b.id()), ids(queries.list(t, new LeadFilter(null, Tier.HOT, null, null), 10, 0)));
        assertEquals(List.of(a.id()), ids(queries.list(t, new LeadFilter(null, null, null, "cOhEn"), 10, 0)));
        assertEquals(List.of(a.id()), ids(queries.list(t, new LeadFilter(null, null, null, "DANA@"), 10, 0)));
        assertEquals(List.of(a.id()), ids(queries.list(t, new LeadFilter(null, null, null, "052-555"), 10, 0)));
        assertEquals(List.of(b.id()), ids(queries.list(t, new LeadFilter(null, null, null, "100%_"), 10, 0)),
                "% and _ match literally");
        assertTrue(queries.list(t, new LeadFilter(null, null, null, "1%0"), 10, 0).isEmpty(),
                "unescaped, % would match the 100");
        assertEquals(3, queries.list(t, LeadFilter.all(), 10, 0).size());
        assertEquals(b.id(), queries.list(t, LeadFilter.all(), 1, 0).get(0).id(), "most recently updated first");
        assertEquals(2, queries.list(t, LeadFilter.all(), 10, 1).size());
        assertEquals(3, queries.count(t, new LeadFilter(null, null, Instant.now().minus(Duration.ofHours(1)), null)));
        assertEquals(0, queries.count(t, new LeadFilter(null, null, Instant.now().plus(Duration.ofHours(1)), null)));
        assertEquals(List.of(a.id()), ids(queries.page(t, LeadFilter.all(), 0, 1)));
        assertEquals(List.of(b.id()), ids(queries.page(t, LeadFilter.all(), a.id(), 1)));
    }

    @Test
    void forgetErasesThePersonEverywhereAndAuditsOnlyCounts() throws IOException {
        Tenant t = Fixtures.tenant(tenants, "forget-co", "+97235551400");
        Tenant other = Fixtures.tenant(tenants, "forget-other", "+97235551401");
        Lead lead = leads.upsert(t, new LeadUpsert("052-555-1401", "שרה כהן", "sara@example.com", LeadSource.CALL),
                ACTOR);
        leads.update(t, lead.id(), LeadPatch.qualification(Map.of("budget", "3000000")), ACTOR);
        Lead bystander = leads.upsert(t, new LeadUpsert("052-555-1402", "אחר", null, LeadSource.CALL), ACTOR);
        Lead sameNumberElsewhere = leads.upsert(other, new LeadUpsert("052-555-1401", "שרה", null, LeadSource.CALL),
                ACTOR);
        notes.append(t, lead.id(), "אמרה שהיא גרה ברחוב הרצל", ACTOR);
        meetings.book(t, new NewMeeting(lead.id(), null, Instant.now().plus(Duration.ofDays(2)), null,
                MeetingKind.VIEWING, "הרצל 5", null), ACTOR);

        Call linked = calls.create(t, NewCall.inbound("CA-forget-1", "+972525551401", "+97235551400"));
        calls.linkLead(t, linked.id(), lead.id());
        calls.appendTurn(t, linked.id(), NewTurn.user("קוראים לי שרה כהן", 0, 1000, 0.9));
        calls.appendTurn(t, linked.id(), NewTurn.assistant("נעים מאוד שרה", 1200, 2000, false, 300));
        Path recordings = Path.of(context.getProperty("moked.data-dir", String.class).orElseThrow())
                .resolve("recordings").resolve("forget-co");
        Files.createDirectories(recordings);
        Path wav = Files.write(recordings.resolve("CA-forget-1.wav"), new byte[]{1, 2, 3});
        calls.setRecordingPath(t, linked.id(), wav.toString());
        calls.recordSummary(t, linked.id(), "שרה כהן מחפשת דירת 4 חדרים ביפו", CallOutcome.QUALIFIED);
        Call unlinked = calls.create(t, NewCall.inbound("CA-forget-2", "+972525551401", "+97235551400"));
        calls.appendTurn(t, unlinked.id(), NewTurn.user("שוב אני", 0, 900, 0.8));
        calls.setVoicemail(t, unlinked.id(), "https://api.twilio.com/voicemail/RE1", 12);
        Call bystanderCall = calls.create(t, NewCall.inbound("CA-forget-3", "+972525551402", "+97235551400"));
        calls.appendTurn(t, bystanderCall.id(), NewTurn.user("שלום", 0, 500, 0.9));

        ForgetPreview preview = forget.preview(t, "052-555-1401");
        assertEquals(List.of(2, 3, 1, 1, 1), List.of(preview.calls(), preview.turns(), preview.recordings(),
                preview.meetings(), preview.notes()));
        assertEquals("שרה כהן", preview.name());

        ForgetReport report = forget.forget(t, "052-555-1401", ACTOR);
        assertEquals(lead.id(), report.leadId());
        assertEquals(List.of(2, 3, 1, 1, 1), List.of(report.calls(), report.turnsErased(), report.recordingsDeleted(),
                report.meetingsDeleted(), report.notesDeleted()));
        assertEquals(List.of("https://api.twilio.com/voicemail/RE1"), report.voicemailsAtTwilio());
        assertTrue(report.recordingsNotDeleted().isEmpty());

        assertTrue(leads.findByPhone(t, "+972525551401").isEmpty());
        assertFalse(Files.exists(wav), "the recording file is gone");
        for (Call c : List.of(linked, unlinked)) {
            Call after = calls.get(t, c.id());
            assertEquals(LeadForgetService.ERASED, after.from());
            assertNull(after.leadId());
            assertNull(after.voicemailUrl());
            assertNull(after.summary(), "the post-call summary names the person: erased too");
            assertTrue(calls.turns(t, c.id()).stream().allMatch(turn -> turn.text().isEmpty()));
        }
        assertTrue(calls.get(t, linked.id()).recordingDeletedAt() != null);
        assertEquals(List.of("שלום"), calls.turns(t, bystanderCall.id()).stream().map(CallTurn::text).toList());
        assertEquals("אחר", leads.get(t, bystander.id()).name());
        assertEquals("שרה", leads.get(other, sameNumberElsewhere.id()).name(), "other tenants are untouched");

        List<AuditEntry> entries = audit.forTenant(t, 100);
        AuditEntry erased = entries.stream().filter(e -> e.action().equals("lead.forget")).findFirst().orElseThrow();
        assertEquals(ACTOR, erased.actor());
        assertTrue(erased.after().contains("\"turnsErased\":3"), erased.after());
        for (AuditEntry e : entries) {
            String text = e.before() + " " + e.after();
            assertFalse(text.contains("שרה") || text.contains("sara@") || text.contains("1401")
                    || text.contains("הרצל"), "audit entry " + e.action() + " still holds erased data: " + text);
        }
        assertThrows(NotFoundException.class, () -> forget.forget(t, "052-555-1401", ACTOR));
    }

    private static List<Long> ids(List<Lead> found) {
        return found.stream().map(Lead::id).toList();
    }
}
