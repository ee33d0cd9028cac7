package io.moked.call;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.moked.pipeline.CallEnd;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * On an orderly shutdown, ends the live calls (their last turns, recordings and end times are written) before the
 * database and executors go away. A crash skips this; turns are written as they happen anyway.
 */
@Singleton
public class CallShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(CallShutdown.class);
    /** How long shutdown waits for live calls to finish writing. */
    private static final long DRAIN_MS = 5_000;
    private final CallRegistry registry;

    public CallShutdown(CallRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (CallSlot slot : registry.all()) {
            CallSession session = slot.session();
            if (session != null) {
                ending.add(session.end(CallEnd.SHUTDOWN));
            }
        }
        if (ending.isEmpty()) {
            return;
        }
        LOG.warn("shutting down with {} live calls: ending them", ending.size());
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(DRAIN_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("live calls did not finish within {} ms: {}", DRAIN_MS, e.toString());
        }
    }
}
