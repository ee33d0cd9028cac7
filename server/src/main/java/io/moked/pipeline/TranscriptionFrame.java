package io.moked.pipeline;

/** What the caller said in one turn. */
public record TranscriptionFrame(String text, double confidence, String language, long startOffsetMs,
                                 long endOffsetMs, long speechEndNanos) implements DataFrame {
}
