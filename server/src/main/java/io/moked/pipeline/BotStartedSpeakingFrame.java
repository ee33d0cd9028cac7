package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/**
 * Upstream report: the first audio of a reply left for the caller.
 *
 * @param latencyNanos  trigger (end of caller speech, a key, or stream start for the greeting) → first audio sent
 * @param startOffsetMs stream position (ms since stream start) of the first audio
 */
public record BotStartedSpeakingFrame(Reply reply, long latencyNanos, long startOffsetMs) implements SystemFrame {
}
