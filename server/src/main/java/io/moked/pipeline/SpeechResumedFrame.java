package io.moked.pipeline;

/**
 * The caller spoke again after a {@link SpeechPausedFrame} of the same turn: the turn does not end at that pause, so
 * the work started on it speculatively (speech-to-text, the model's answer) is thrown away. In order with the
 * pause's frames (a data frame), so it never overtakes the speculative transcript it makes stale.
 *
 * @param startOffsetMs stream position where the turn's speech started
 */
public record SpeechResumedFrame(long startOffsetMs) implements DataFrame {
}
