package io.moked.crm.prompt;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One entry of the activation history: who made which version active, when, and how. */
@Serdeable
public record PromptActivation(long id, Channel channel, int version, long versionId, String action, String actor,
                               Instant activatedAt) {
    public static final String ACTIVATE = "activate";
    public static final String ROLLBACK = "rollback";
}
