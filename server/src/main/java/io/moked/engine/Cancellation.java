package io.moked.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancel flag handed to a streaming engine call. Barge-in cancels the reply being generated: the engine checks
 * {@link #isCancelled()} between tokens / audio chunks and returns early. One instance per engine call, never shared.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    /** Never cancelled from outside; for warm-up and one-shot calls. */
    public static Cancellation none() {
        return new Cancellation();
    }
}
