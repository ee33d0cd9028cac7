package io.moked.crm.prompt;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("prompts")
record PromptEntity(@Id @GeneratedValue @Nullable Long id, long tenantId, String channel, Instant createdAt) {
}
