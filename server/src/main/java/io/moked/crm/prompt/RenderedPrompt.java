package io.moked.crm.prompt;

import io.micronaut.serde.annotation.Serdeable;

/** The active prompt filled in for one call; {@code versionId} goes into the call record. */
@Serdeable
public record RenderedPrompt(long versionId, int version, Channel channel, String text, String greeting) {
}
