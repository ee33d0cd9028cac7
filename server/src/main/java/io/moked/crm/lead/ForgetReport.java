package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What {@link LeadForgetService#forget} erased for one phone number (counts only: the report itself goes to the
 * audit log, so it carries none of the erased data). {@code voicemailsAtTwilio} are the URLs of voicemails Twilio
 * keeps (the appliance cannot delete them; delete them in the Twilio console) and are shown to the admin, not audited.
 *
 * @param leadId             the lead deleted, null when the number had calls but no lead
 * @param recordingsNotDeleted recording locations that could not be deleted here (outside the recordings
 *                           directory, or remote); the admin must remove them
 */
@Serdeable
public record ForgetReport(@Nullable Long leadId, int calls, int turnsErased, int recordingsDeleted,
                           int meetingsDeleted, int notesDeleted, int auditEntriesRedacted,
                           List<String> recordingsNotDeleted, List<String> voicemailsAtTwilio) {
}
