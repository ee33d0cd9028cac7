package io.moked.crm.lead;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.config.MokedConfig;
import io.moked.crm.PhoneNumbers;
import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.Tenant;
import io.moked.error.NotFoundException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Erases a person's data on request (privacy law): everything the tenant holds about one phone number.
 * In one transaction: the lead row (name, email, qualification, score) with its notes and meetings (and their
 * reminders); the text of every turn of the person's calls (calls of the lead, from or to the number); the number
 * on those calls (replaced by {@value #ERASED}); the call recordings on disk; the voicemail references; and the
 * before/after JSON of earlier audit entries about the lead and its meetings (who did what and when stays).
 * The calls themselves stay (times, status, prompt version: the business's own records, with nothing personal).
 * One audit entry records the erasure with counts only.
 */
@Singleton
public class LeadForgetService {
    /** Written where a number was. */
    public static final String ERASED = "erased";
    private static final Logger LOG = LoggerFactory.getLogger(LeadForgetService.class);
    private static final String REDACTED_JSON = "{\"erased\":true}";

    private final JdbcOperations jdbc;
    private final LeadService leads;
    private final PhoneNumbers phones;
    private final AuditService audit;
    private final Clock clock;
    private final Path recordingsDir;

    LeadForgetService(JdbcOperations jdbc, LeadService leads, PhoneNumbers phones, AuditService audit, Clock clock,
                      MokedConfig config, @Value("${moked.call.recordings-dir:}") String recordingsDir) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.phones = phones;
        this.audit = audit;
        this.clock = clock;
        // the same rule as io.moked.call.CallSessionFactory, which writes the recordings
        this.recordingsDir = (recordingsDir == null || recordingsDir.isBlank()
                ? config.dataDir().resolve("recordings") : Path.of(recordingsDir)).toAbsolutePath().normalize();
    }

    /** @throws NotFoundException when the tenant has neither a lead nor a call with this number */
    @Transactional(readOnly = true)
    public ForgetPreview preview(Tenant tenant, String phone) {
        Person p = person(tenant, phone);
        int turns = 0;
        int recordings = 0;
        for (CallRow c : p.calls) {
            turns += count("SELECT COUNT(*) FROM call_turns WHERE tenant_id = ? AND call_id = ?", tenant.id(), c.id);
            recordings += c.recordingPath != null && c.recordingDeleted == null ? 1 : 0;
        }
        Long leadId = p.lead.map(Lead::id).orElse(null);
        return new ForgetPreview(p.phone, leadId, p.lead.map(Lead::name).orElse(null), p.calls.size(), turns,
                recordings, leadId == null ? 0 : meetingIds(tenant, leadId).size(),
                leadId == null ? 0 : count("SELECT COUNT(*) FROM lead_notes WHERE tenant_id = ? AND lead_id = ?",
                        tenant.id(), leadId));
    }

    /**
     * Erases everything about {@code phone} (see the class comment). Recording files are deleted last, inside the
     * transaction: a file that cannot be deleted rolls everything back, and running forget again is safe.
     *
     * @throws NotFoundException when the tenant has neither a lead nor a call with this number
     */
    @Transactional
    public ForgetReport forget(Tenant tenant, String phone, String actor) {
        Person p = person(tenant, phone);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long t = tenant.id();
        int turns = 0;
        List<Path> files = new ArrayList<>();
        List<String> notDeleted = new ArrayList<>();
        List<String> voicemails = new ArrayList<>();
        for (CallRow c : p.calls) {
            turns += update("UPDATE call_turns SET text = '' WHERE tenant_id = ? AND call_id = ?", t, c.id);
            boolean recorded = c.recordingPath != null && c.recordingDeleted == null;
            update("UPDATE calls SET from_number = CASE WHEN from_number = ? THEN ? ELSE from_number END, "
                    + "to_number = CASE WHEN to_number = ? THEN ? ELSE to_number END, lead_id = NULL, "
                    + "voicemail_url = NULL, voicemail_seconds = NULL, summary = NULL, "
                    + "recording_deleted_at = CASE WHEN recording_path IS NULL THEN recording_deleted_at "
                    + "ELSE COALESCE(recording_deleted_at, ?) END, updated_at = ? WHERE tenant_id = ? AND id = ?",
                    p.phone, ERASED, p.phone, ERASED, Timestamp.from(now), Timestamp.from(now), t, c.id);
            if (c.voicemailUrl != null) {
                voicemails.add(c.voicemailUrl);
            }
            if (recorded) {
                Optional<Path> file = localRecording(c.recordingPath);
                if (file.isPresent()) {
                    files.add(file.get());
                } else {
                    notDeleted.add(c.recordingPath);
                }
            }
        }
        int meetings = 0;
        int notes = 0;
        int redacted = 0;
        Long leadId = p.lead.map(Lead::id).orElse(null);
        if (leadId != null) {
            List<Long> meetingIds = meetingIds(tenant, leadId);
            for (long m : meetingIds) {
                update("DELETE FROM reminders WHERE tenant_id = ? AND meeting_id = ?", t, m);
                redacted += redactAudit(t, "meeting", Long.toString(m));
            }
            meetings = update("DELETE FROM meetings WHERE tenant_id = ? AND lead_id = ?", t, leadId);
            notes = update("DELETE FROM lead_notes WHERE tenant_id = ? AND lead_id = ?", t, leadId);
            redacted += redactAudit(t, "lead", Long.toString(leadId));
            update("DELETE FROM leads WHERE tenant_id = ? AND id = ?", t, leadId);
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete recording " + file + " (nothing was erased; fix and run "
                        + "again): " + e.getMessage(), e);
            }
        }
        ForgetReport report = new ForgetReport(leadId, p.calls.size(), turns, files.size(), meetings, notes, redacted,
                notDeleted, voicemails);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("calls", report.calls());
        counts.put("turnsErased", report.turnsErased());
        counts.put("recordingsDeleted", report.recordingsDeleted());
        counts.put("recordingsNotDeleted", notDeleted.size());
        counts.put("meetingsDeleted", meetings);
        counts.put("notesDeleted", notes);
        counts.put("auditEntriesRedacted", redacted);
        counts.put("voicemailsAtTwilio", voicemails.size());
        audit.record(t, actor, "lead.forget", "lead", leadId, null, counts);
        LOG.info("tenant {}: erased a person's data on request (lead {}, {} calls)", tenant.slug(), leadId,
                report.calls());
        return report;
    }

    private Person person(Tenant tenant, String phone) {
        String e164 = phones.toE164(phone);
        Optional<Lead> lead = leads.findByPhone(tenant, e164);
        List<CallRow> calls = jdbc.prepareStatement("SELECT id, recording_path, recording_deleted_at, voicemail_url "
                + "FROM calls WHERE tenant_id = ? AND (lead_id = ? OR from_number = ? OR to_number = ?) ORDER BY id",
                ps -> {
                    ps.setLong(1, tenant.id());
                    ps.setLong(2, lead.map(Lead::id).orElse(-1L));
                    ps.setString(3, e164);
                    ps.setString(4, e164);
                    List<CallRow> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new CallRow(rs.getLong(1), rs.getString(2), rs.getTimestamp(3), rs.getString(4)));
                        }
                    }
                    return rows;
                });
        if (lead.isEmpty() && calls.isEmpty()) {
            throw new NotFoundException("tenant '" + tenant.slug() + "' has no lead and no call with " + e164);
        }
        return new Person(e164, lead, calls);
    }

    /** A recording this appliance wrote under its recordings directory; empty for anything else. */
    private Optional<Path> localRecording(String location) {
        if (location.contains("://")) {
            return Optional.empty();
        }
        Path file = Path.of(location).toAbsolutePath().normalize();
        return file.startsWith(recordingsDir) ? Optional.of(file) : Optional.empty();
    }

    private List<Long> meetingIds(Tenant tenant, long leadId) {
        return jdbc.prepareStatement("SELECT id FROM meetings WHERE tenant_id = ? AND lead_id = ? ORDER BY id", ps -> {
            ps.setLong(1, tenant.id());
            ps.setLong(2, leadId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    private int redactAudit(long tenantId, String entity, String entityId) {
        return update("UPDATE audit_log SET before_json = CASE WHEN before_json IS NULL THEN NULL ELSE ? END, "
                + "after_json = CASE WHEN after_json IS NULL THEN NULL ELSE ? END "
                + "WHERE tenant_id = ? AND entity = ? AND entity_id = ?",
                REDACTED_JSON, REDACTED_JSON, tenantId, entity, entityId);
    }

    private int count(String sql, long tenantId, long id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setLong(1, tenantId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private int update(String sql, Object... params) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (p instanceof Timestamp ts) {
                    ps.setTimestamp(i + 1, ts);
                } else {
                    ps.setString(i + 1, (String) p);
                }
            }
            return ps.executeUpdate();
        });
    }

    private record CallRow(long id, String recordingPath, Timestamp recordingDeleted, String voicemailUrl) {
    }

    private record Person(String phone, Optional<Lead> lead, List<CallRow> calls) {
    }
}
