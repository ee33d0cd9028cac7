package io.moked.crm.lead;

import io.micronaut.serde.annotation.Serdeable;

/** One step of a tenant's lead pipeline, in order. */
@Serdeable
public record LeadStatus(String code, String label, int position) {
}
