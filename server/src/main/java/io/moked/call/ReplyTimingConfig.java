package io.moked.call;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * When a reply starts speaking, {@code moked.call.replies.*} (documented in application.yml).
 *
 * @param firstClauseMinWords a model reply's first TTS request may be a clause (up to a comma) once this many words
 *                            precede it, instead of waiting for the whole first sentence; 0 = sentences only
 */
@ConfigurationProperties("moked.call.replies")
public record ReplyTimingConfig(@Bindable(defaultValue = "5") int firstClauseMinWords) {
    public ReplyTimingConfig {
        if (firstClauseMinWords < 0) {
            throw new IllegalArgumentException("moked.call.replies.first-clause-min-words must be >= 0, got "
                    + firstClauseMinWords);
        }
    }
}
