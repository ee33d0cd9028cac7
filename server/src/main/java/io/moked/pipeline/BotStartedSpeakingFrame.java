package io.moked.pipeline;

/**
 * Upstream report: the first audio of a reply left for the caller.
 *
 * @param latencyNanos   trigger (end of caller speech, or stream start for the greeting) → first audio sent
 * @param startOffsetMs  stream position (ms since stream start) of the first audio
 */
public record BotStartedSpeakingFrame(long replyId, boolean greeting, long latencyNanos, long startOffsetMs)
        implements SystemFrame {
}
