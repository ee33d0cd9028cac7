package io.moked.agent;

import io.moked.engine.Cancellation;
import io.moked.llm.LlmEngine;

/**
 * The text of one model round as it streams: kept whole (what the history gets) and passed on to the answer's
 * listener while the answer is wanted. A speculative round ({@link AgentLoop.Draft}) starts held: its text is only
 * kept until {@link #release} hands what was kept, then the rest, to the listener. Thread-safe: the model's thread
 * appends, the agent's thread releases.
 */
final class RoundStream implements LlmEngine.Listener {
    private final Cancellation cancel;
    private final StringBuilder text = new StringBuilder();
    private final Runnable onFirstText;
    private AgentLoop.Listener target;

    /**
     * @param target      the answer's listener, or null to hold the text until {@link #release}
     * @param onFirstText runs once, on the model's thread, when the first text arrives (may be null)
     */
    RoundStream(Cancellation cancel, AgentLoop.Listener target, Runnable onFirstText) {
        this.cancel = cancel;
        this.target = target;
        this.onFirstText = onFirstText;
    }

    @Override
    public synchronized void onText(String delta) {
        if (delta == null || delta.isEmpty() || cancel.isCancelled()) {
            return;
        }
        if (text.isEmpty() && onFirstText != null) {
            onFirstText.run();
        }
        text.append(delta);
        if (target != null) {
            target.onText(delta);
        }
    }

    /** From now on the text goes to {@code listener}; what was held goes first, as one piece. */
    synchronized void release(AgentLoop.Listener listener) {
        target = listener;
        if (!text.isEmpty() && !cancel.isCancelled()) {
            listener.onText(text.toString());
        }
    }

    synchronized String text() {
        return text.toString();
    }

    synchronized boolean isEmpty() {
        return text.isEmpty();
    }
}
