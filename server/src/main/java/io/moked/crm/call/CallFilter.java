package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Which calls a listing shows; a null field does not filter.
 *
 * @param since   calls started at or after this instant
 * @param phone   calls from this number or linked to the lead with this number (any common format)
 */
public record CallFilter(@Nullable Instant since, @Nullable CallStatus status, @Nullable CallOutcome outcome,
                         @Nullable String phone) {

    public static CallFilter all() {
        return new CallFilter(null, null, null, null);
    }
}
