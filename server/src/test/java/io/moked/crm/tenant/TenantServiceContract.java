package io.moked.crm.tenant;

import io.moked.crm.audit.AuditEntry;
import io.moked.crm.audit.AuditService;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadStatus;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TenantService behaviour; runs on SQLite and PostgreSQL through the two subclasses. */
abstract class TenantServiceContract extends DbTestBase {
    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    AuditService audit;
    @Inject
    TenantDefaults defaults;

    @Test
    void createAppliesDefaultsSeedsStatusesAndAudits() {
        Tenant t = Fixtures.tenant(tenants, "defaults-co", "03-555-1234");
        assertEquals("he-IL", t.locale());
        assertEquals("Asia/Jerusalem", t.timeZone());
        assertEquals(2, t.retentionDays());
        assertFalse(t.recordingEnabled());
        assertEquals(List.of("+97235551234"), t.phoneNumbers());
        assertEquals("transfer", t.dtmfActions().get("0"));
        assertEquals(defaults.messages().get("busy"), t.message("busy").orElseThrow());
        assertTrue(t.businessHours().isOpen(ZonedDateTime.of(2025, 6, 1, 10, 0, 0, 0, ZoneId.of("Asia/Jerusalem"))),
                "Sunday 10:00 is open by default");
        assertFalse(t.businessHours().isOpen(ZonedDateTime.of(2025, 6, 7, 10, 0, 0, 0, ZoneId.of("Asia/Jerusalem"))),
                "Saturday is closed by default");
        List<String> codes = leads.statuses(t).stream().map(LeadStatus::code).toList();
        assertEquals(List.of("new", "contacted", "qualified", "meeting-set", "won", "lost"), codes);
        assertEquals("חדש", leads.statuses(t).get(0).label());
        List<AuditEntry> log = audit.forTenant(t, 10);
        assertTrue(log.stream().anyMatch(e -> e.action().equals("tenant.create") && e.actor().equals(Fixtures.ACTOR)
                && e.before() == null && e.after().contains("defaults-co")), log.toString());
        AuditEntry create = log.stream().filter(e -> e.action().equals("tenant.create")).findFirst().orElseThrow();
        assertTrue(create.after().contains("\"businessHours\":{\"sunday\":[\"09:00-18:00\"]"), create.after());
        assertTrue(create.after().contains("\"saturday\":[]"), create.after());
    }

    @Test
    void createFromExampleYaml() {
        Path example = exampleTenantFile();
        TenantSpec spec = TenantSpecLoader.load(example);
        Tenant t = tenants.create(spec, Fixtures.ACTOR);
        assertEquals(spec.slug(), t.slug());
        assertFalse(t.phoneNumbers().isEmpty());
        assertEquals(t.slug(), tenants.findByPhoneNumber(t.phoneNumbers().get(0)).orElseThrow().slug());
        assertFalse(t.businessHours().on(DayOfWeek.SUNDAY).isEmpty());
        assertTrue(t.messages().containsKey("busy"));
    }

    @Test
    void duplicateSlugAndOwnedNumberConflict() {
        Fixtures.tenant(tenants, "first-co", "+972 3-555-2000");
        ConflictException slug = assertThrows(ConflictException.class,
                () -> Fixtures.tenant(tenants, "first-co", "+972 3-555-2001"));
        assertTrue(slug.getMessage().contains("first-co"));
        ConflictException number = assertThrows(ConflictException.class,
                () -> Fixtures.tenant(tenants, "second-co", "035552000"));
        assertTrue(number.getMessage().contains("'first-co'"), number.getMessage());
        assertTrue(tenants.find("second-co").isEmpty(), "failed create leaves nothing behind");
    }

    @Test
    void numbersAddRemoveAndLookup() {
        Tenant t = Fixtures.tenant(tenants, "numbers-co", "+97235553000");
        Tenant other = Fixtures.tenant(tenants, "numbers-other", "+97235553001");
        Tenant added = tenants.addNumber(t.slug(), "972-3-555-3002", Fixtures.ACTOR);
        assertEquals(List.of("+97235553000", "+97235553002"), added.phoneNumbers());
        assertEquals(added.phoneNumbers(), tenants.addNumber(t.slug(), "+97235553002", Fixtures.ACTOR).phoneNumbers(),
                "re-adding an own number changes nothing");
        ConflictException owned = assertThrows(ConflictException.class,
                () -> tenants.addNumber(t.slug(), "03-555-3001", Fixtures.ACTOR));
        assertTrue(owned.getMessage().contains("numbers-other"));
        ValidationException invalid = assertThrows(ValidationException.class,
                () -> tenants.addNumber(t.slug(), "12", Fixtures.ACTOR));
        assertTrue(invalid.getMessage().contains("invalid phone number"));
        assertEquals("numbers-co", tenants.findByPhoneNumber("+97235553002").orElseThrow().slug());
        assertThrows(NotFoundException.class, () -> tenants.removeNumber(t.slug(), "+97235553001", Fixtures.ACTOR));
        Tenant removed = tenants.removeNumber(t.slug(), "03-555-3002", Fixtures.ACTOR);
        assertEquals(List.of("+97235553000"), removed.phoneNumbers());
        assertTrue(tenants.findByPhoneNumber("+97235553002").isEmpty());
        assertEquals(other.id(), tenants.findByPhoneNumber("+97235553001").orElseThrow().id());
    }

    @Test
    void updatePatchesOnlyGivenFieldsAndClears() {
        Tenant t = Fixtures.tenant(tenants, "patch-co", "+97235554000");
        Tenant withTransfer = tenants.update(t.slug(), new TenantPatch(null, "מיכל", null, null, null,
                Map.of("friday", "closed"), 45, "052-555-1234", true, 7, null, 800, null,
                Map.of("busy", "תפוס, נחזור אליכם"), "he_IL-test", null), Fixtures.ACTOR);
        assertEquals(t.businessName(), withTransfer.businessName());
        assertEquals("מיכל", withTransfer.assistantName());
        assertEquals("+972525551234", withTransfer.transferNumber());
        assertEquals(45, withTransfer.meetingMinutes());
        assertTrue(withTransfer.recordingEnabled());
        assertEquals(800, withTransfer.endOfTurnSilenceMs());
        assertEquals("תפוס, נחזור אליכם", withTransfer.messages().get("busy"));
        assertEquals(t.messages().get("goodbye"), withTransfer.messages().get("goodbye"), "messages are merged");
        assertTrue(withTransfer.businessHours().on(DayOfWeek.FRIDAY).isEmpty());
        assertTrue(withTransfer.businessHours().on(DayOfWeek.SUNDAY).isEmpty(), "business hours are replaced whole");

        Tenant cleared = tenants.update(t.slug(), new TenantPatch(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, Set.of("transfer-number", "voice")), Fixtures.ACTOR);
        assertNull(cleared.transferNumber());
        assertNull(cleared.voice());
        assertEquals(800, cleared.endOfTurnSilenceMs());

        assertThrows(ValidationException.class, () -> tenants.update(t.slug(), new TenantPatch(null, null, null,
                "Mars/Olympus", null, null, null, null, null, null, null, null, null, null, null, null), Fixtures.ACTOR));
        assertThrows(ValidationException.class, () -> tenants.update(t.slug(), new TenantPatch(null, null, null, null,
                "שלום {{bussiness_name}}", null, null, null, null, null, null, null, null, null, null, null),
                Fixtures.ACTOR));
        assertThrows(ValidationException.class, () -> tenants.update(t.slug(), new TenantPatch(null, null, null, null,
                null, null, null, null, null, null, null, null, Map.of("5", "dance"), null, null, null), Fixtures.ACTOR));
        assertThrows(NotFoundException.class, () -> tenants.update("nope", TenantPatch.empty(), Fixtures.ACTOR));
        List<AuditEntry> log = audit.forTenant(t, 20);
        AuditEntry update = log.stream().filter(e -> e.action().equals("tenant.update")).reduce((a, b) -> b).orElseThrow();
        assertTrue(update.before().contains("\"assistantName\":\"נועה\""), update.before());
        assertTrue(update.after().contains("\"assistantName\":\"מיכל\""), update.after());
    }

    @Test
    void twilioTokenIsStoredInOwnerOnlyFileNotInDatabaseOrAudit() throws Exception {
        Tenant t = Fixtures.tenant(tenants, "twilio-co", "+97235555000");
        assertTrue(tenants.twilioCredentials(t).isEmpty());
        String sid = "AC" + "0123456789abcdef".repeat(2);
        String token = "s3cr3t-token-value";
        Tenant updated = tenants.setTwilio(t.slug(), sid, token + "\n", Fixtures.ACTOR);
        assertTrue(updated.twilioConfigured());
        assertEquals(sid, updated.twilioAccountSid());
        TwilioCredentials creds = tenants.twilioCredentials(updated).orElseThrow();
        assertEquals(token, creds.authToken());
        assertFalse(creds.toString().contains(token));
        Path file = Path.of(context.getProperty("moked.data-dir", String.class).orElseThrow(), "secrets",
                "twilio-twilio-co.token");
        assertEquals(token, Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(updated.toString().contains(token));
        assertTrue(audit.forTenant(t, 20).stream().noneMatch(e -> String.valueOf(e.after()).contains(token)));
        assertThrows(ValidationException.class, () -> tenants.setTwilio(t.slug(), "XX123", token, Fixtures.ACTOR));
    }

    @Test
    void invalidSpecsAreRejectedWithTheField() {
        ValidationException slug = assertThrows(ValidationException.class,
                () -> tenants.create(TenantSpec.of("Bad Slug", "x", "y"), Fixtures.ACTOR));
        assertTrue(slug.getMessage().contains("slug"));
        ValidationException name = assertThrows(ValidationException.class,
                () -> tenants.create(TenantSpec.of("no-name", " ", "y"), Fixtures.ACTOR));
        assertTrue(name.getMessage().contains("business name"));
        assertThrows(NotFoundException.class, () -> tenants.get("missing"));
    }

    @Test
    void businessHoursParseRanges() {
        BusinessHours hours = BusinessHours.parse(Map.of("sun", "09:00-13:00, 16:00-19:00", "friday", "closed"));
        assertEquals(List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(13, 0)),
                new TimeRange(LocalTime.of(16, 0), LocalTime.of(19, 0))), hours.on(DayOfWeek.SUNDAY));
        assertThrows(ValidationException.class, () -> BusinessHours.parse(Map.of("sunday", "09:00-13:00,12:00-14:00")));
        assertThrows(ValidationException.class, () -> BusinessHours.parse(Map.of("funday", "09:00-13:00")));
    }

    static Path exampleTenantFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config/examples/tenant.yaml");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/examples/tenant.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
