package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/**
 * Barge-in: the caller started speaking (or pressed a key) while {@code reply} was under way. The agent has
 * already {@linkplain Reply#interrupt() interrupted} the reply, so its queued frames are dropped and its engine work
 * is cancelled; the pacing sends Twilio {@code clear}, the playback fixes what was heard.
 *
 * @param onsetNanos monotonic time the caller's speech onset was detected (for the onset → clear timer)
 */
public record InterruptionFrame(Reply reply, long onsetNanos) implements SystemFrame {
}
