package io.moked.crm.lead;

import io.micronaut.serde.annotation.Serdeable;

/** A computed score (0–100) and its tier. */
@Serdeable
public record LeadScore(int score, Tier tier) {
}
