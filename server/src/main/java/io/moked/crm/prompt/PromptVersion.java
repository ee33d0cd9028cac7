package io.moked.crm.prompt;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** An immutable prompt version; {@code active} tells whether it is the one calls use now. */
@Serdeable
public record PromptVersion(long id, long tenantId, Channel channel, int version, String body, @Nullable String note,
                            String author, Instant createdAt, boolean active) {
}
