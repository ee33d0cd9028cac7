package io.moked.crm.prompt;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("prompt_versions")
record PromptVersionEntity(@Id @GeneratedValue @Nullable Long id, long promptId, long tenantId, int version,
                           String body, @Nullable String note, String author, Instant createdAt) {
}
