package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/**
 * Upstream report: a reply is done, heard to the end or interrupted. The outcome's spoken text is what the caller
 * actually heard (tracked with mark echoes), so the conversation history and the stored turn hold only that.
 */
public record ReplyPlayedFrame(Reply reply, Reply.Outcome outcome) implements SystemFrame {
    public boolean interrupted() {
        return outcome.interrupted();
    }

    public String spokenText() {
        return outcome.spokenText();
    }

    public boolean greeting() {
        return reply.isGreeting();
    }

    /** Trigger → first audio sent, or -1 when no audio was sent. */
    public long latencyNanos() {
        return outcome.latencyNanos();
    }
}
