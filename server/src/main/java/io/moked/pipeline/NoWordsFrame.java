package io.moked.pipeline;

/**
 * Speech-to-text found no words in a caller segment (noise, breathing): nothing for the model, but it tells the
 * interruption logic at once that the caller did not take the turn.
 *
 * @param endOffsetMs stream position where the segment's speech ended
 */
public record NoWordsFrame(long startOffsetMs, long endOffsetMs) implements SystemFrame {
}
