package io.moked.crm.tenant;

import io.micronaut.serde.annotation.Serdeable;

/** A scoring rule: a lead whose {@code field} has {@code value} gets {@code points} (e.g. timeline = asap: 30). */
@Serdeable
public record FieldPoints(String field, String value, Integer points) {
}
