package io.moked.tts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code moked.engines.tts.cache.max-bytes}: PCM budget of the phrase cache (default 32 MiB ≈ 12 min at 22 kHz). */
@ConfigurationProperties("moked.engines.tts.cache")
public record TtsCacheConfig(@Bindable(defaultValue = "33554432") long maxBytes) {
}
