package io.moked.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancel flag handed to a streaming engine call. Barge-in cancels the reply being generated: the engine checks
 * {@link #isCancelled()} between tokens / audio chunks and returns early. One instance per engine call, never shared.
 * <p>
 * A cancellation may be {@linkplain #linkedTo(Cancellation) linked} to a parent: the router gives each engine attempt
 * its own child, so it can abandon one attempt (timeout, fallback) without cancelling the caller's whole request,
 * while a barge-in on the parent still reaches the running attempt. Engines that block in I/O (an HTTP stream
 * waiting for its first byte) register {@link #onCancel(Runnable)} to abort promptly instead of polling.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private final Cancellation parent;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            for (Runnable callback : callbacks) {
                // remove-then-run: a callback registered concurrently with cancel() runs exactly once
                if (callbacks.remove(callback)) {
                    runQuietly(callback);
                }
            }
        }
    }

    public boolean isCancelled() {
        return cancelled.get() || (parent != null && parent.isCancelled()) || Thread.currentThread().isInterrupted();
    }

    /**
     * Runs {@code callback} once when this (or a parent) is cancelled; at once if already cancelled. Callbacks run on
     * the cancelling thread and must be quick (close a stream, flag an iterator).
     */
    public void onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled.get() && callbacks.remove(callback)) {
            runQuietly(callback);
        }
    }

    /** A child that is cancelled when the parent is, and can also be cancelled on its own. */
    public static Cancellation linkedTo(Cancellation parent) {
        Cancellation child = new Cancellation(parent);
        if (parent != null) {
            parent.onCancel(child::cancel);
        }
        return child;
    }

    /** Never cancelled from outside; for warm-up and one-shot calls. */
    public static Cancellation none() {
        return new Cancellation();
    }

    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // a failing cancel hook must not stop the other hooks nor the canceller (e.g. the barge-in path)
            org.slf4j.LoggerFactory.getLogger(Cancellation.class).debug("cancel callback failed", e);
        }
    }
}
