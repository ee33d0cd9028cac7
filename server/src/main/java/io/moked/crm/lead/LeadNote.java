package io.moked.crm.lead;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A note someone wrote about a lead (agentctl lead note). */
@Serdeable
public record LeadNote(long id, long leadId, String author, String text, Instant createdAt) {
}
