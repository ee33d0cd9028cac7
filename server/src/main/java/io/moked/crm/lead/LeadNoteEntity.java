package io.moked.crm.lead;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

@MappedEntity("lead_notes")
record LeadNoteEntity(@Id @GeneratedValue @Nullable Long id, long tenantId, long leadId, String author, String text,
                      Instant createdAt) {
}
