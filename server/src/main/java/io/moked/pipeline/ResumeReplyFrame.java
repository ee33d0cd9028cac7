package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/**
 * A false interruption: the caller made a sound but did not take the turn, so the agent says the part of
 * {@code reply} the caller did not hear, from its first unheard sentence.
 *
 * @param nowNanos monotonic time the interruption was found false (the resumed reply's trigger)
 */
public record ResumeReplyFrame(Reply reply, long nowNanos) implements SystemFrame {
}
