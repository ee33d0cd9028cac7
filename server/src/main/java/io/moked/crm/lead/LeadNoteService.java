package io.moked.crm.lead;

import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Timestamped notes on a tenant's leads: appended, listed oldest first, never edited. Audited. */
@Singleton
public class LeadNoteService {
    static final int MAX_NOTE_CHARS = 4000;
    private static final int MAX_AUTHOR_CHARS = 100;

    private final LeadNoteRepository notes;
    private final LeadService leads;
    private final AuditService audit;
    private final Clock clock;

    LeadNoteService(LeadNoteRepository notes, LeadService leads, AuditService audit, Clock clock) {
        this.notes = notes;
        this.leads = leads;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws ValidationException for an empty or overlong note
     * @throws io.moked.error.NotFoundException when the lead is not this tenant's
     */
    @Transactional
    public LeadNote append(Tenant tenant, long leadId, String text, String actor) {
        leads.get(tenant, leadId);
        if (text == null || text.isBlank()) {
            throw new ValidationException("the note is empty");
        }
        String t = text.strip();
        if (t.length() > MAX_NOTE_CHARS) {
            throw new ValidationException("a note is at most " + MAX_NOTE_CHARS + " characters, got " + t.length());
        }
        String author = actor == null || actor.isBlank() ? "" : actor.strip();
        if (author.length() > MAX_AUTHOR_CHARS) {
            author = author.substring(0, MAX_AUTHOR_CHARS);
        }
        LeadNote saved = toDto(notes.save(new LeadNoteEntity(null, tenant.id(), leadId, author, t,
                clock.instant().truncatedTo(ChronoUnit.MILLIS))));
        audit.record(tenant.id(), actor, "lead.note", "lead", leadId, null, saved);
        return saved;
    }

    /** Oldest first. */
    @Transactional(readOnly = true)
    public List<LeadNote> list(Tenant tenant, long leadId) {
        return notes.findByTenantIdAndLeadIdOrderById(tenant.id(), leadId).stream()
                .map(LeadNoteService::toDto).toList();
    }

    private static LeadNote toDto(LeadNoteEntity e) {
        return new LeadNote(e.id(), e.leadId(), e.author(), e.text(), e.createdAt());
    }
}
