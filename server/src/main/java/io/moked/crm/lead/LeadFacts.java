package io.moked.crm.lead;

/**
 * Qualification keys the appliance itself writes (besides what the caller says), so scoring and people see them.
 * Lead fields the assistant learns (timeline, budget, ...) use the update_lead argument names.
 */
public final class LeadFacts {
    /** Tenant-local start of the lead's latest booked meeting, "YYYY-MM-DDTHH:MM". */
    public static final String MEETING_BOOKED = "meeting_booked";
    /** When the caller asked to be called back: tenant-local "YYYY-MM-DDTHH:MM" of the request. */
    public static final String CALLBACK_REQUESTED = "callback_requested";
    /** How many questions the caller asked on calls (a number; written after calls). */
    public static final String QUESTIONS_ASKED = "questions_asked";
    /** The budget in ILS, a number when the caller named one. */
    public static final String BUDGET = "budget";

    private LeadFacts() {
    }
}
