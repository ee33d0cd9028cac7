package io.moked.crm.lead;

import io.moked.crm.meeting.Meeting;

import java.util.List;

/** A lead with what belongs to it, for showing one lead: its status label, meetings (by start) and notes. */
public record LeadProfile(Lead lead, String statusLabel, List<Meeting> meetings, List<LeadNote> notes) {
}
