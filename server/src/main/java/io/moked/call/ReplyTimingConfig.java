package io.moked.call;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * When a reply starts speaking, {@code moked.call.replies.*} (documented in application.yml).
 *
 * @param firstClauseMinWords a model reply's first TTS request may be a clause (up to a comma) once this many words
 *                            precede it, instead of waiting for the whole first sentence; 0 = sentences only
 * @param preemptiveSttSilenceMs after this much silence in a caller's turn (less than the end-of-turn silence) its
 *                            audio is transcribed speculatively, used if the turn ends there; 0 = off
 * @param preemptiveLlm       at that pause the model also starts answering the speculative transcript, its answer
 *                            held back until the end of the turn is confirmed (needs preemptive STT on)
 */
@ConfigurationProperties("moked.call.replies")
public record ReplyTimingConfig(@Bindable(defaultValue = "5") int firstClauseMinWords,
                                @Bindable(defaultValue = "250") int preemptiveSttSilenceMs,
                                @Bindable(defaultValue = "true") boolean preemptiveLlm) {
    public ReplyTimingConfig {
        if (firstClauseMinWords < 0 || preemptiveSttSilenceMs < 0) {
            throw new IllegalArgumentException("moked.call.replies.* must be >= 0: first-clause-min-words "
                    + firstClauseMinWords + ", preemptive-stt-silence-ms " + preemptiveSttSilenceMs);
        }
    }
}
