package io.moked.crm.prompt;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("prompt_activations")
record PromptActivationEntity(@Id @GeneratedValue @Nullable Long id, long promptId, long tenantId, long versionId,
                              @Nullable Long previousActivationId, String action, String actor, Instant activatedAt) {
}
