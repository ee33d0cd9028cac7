package io.moked.crm.lead;

import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.tenant.Tenant;
import io.moked.error.NotFoundException;
import jakarta.inject.Singleton;

/** Reads one lead with its meetings and notes (agentctl lead show). */
@Singleton
public class LeadProfiles {
    private final LeadService leads;
    private final MeetingService meetings;
    private final LeadNoteService notes;

    LeadProfiles(LeadService leads, MeetingService meetings, LeadNoteService notes) {
        this.leads = leads;
        this.meetings = meetings;
        this.notes = notes;
    }

    /**
     * @param phone any common format; normalised to E.164
     * @throws NotFoundException when the tenant has no lead with this phone
     */
    @Transactional(readOnly = true)
    public LeadProfile byPhone(Tenant tenant, String phone) {
        Lead lead = find(tenant, phone);
        String label = leads.statuses(tenant).stream().filter(s -> s.code().equals(lead.status()))
                .map(LeadStatus::label).findFirst().orElse(lead.status());
        return new LeadProfile(lead, label, meetings.forLead(tenant, lead.id()), notes.list(tenant, lead.id()));
    }

    /** @throws NotFoundException when the tenant has no lead with this phone */
    @Transactional(readOnly = true)
    public Lead find(Tenant tenant, String phone) {
        return leads.findByPhone(tenant, phone)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenant.slug() + "' has no lead with phone "
                        + phone.strip()));
    }
}
