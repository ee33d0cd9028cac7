package io.moked.cluster;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.moked.pipeline.CallEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This appliance's life among those sharing the database: its heartbeat, and crash recovery. When it starts it
 * closes the calls recorded live under its own node id by its previous run (a crash or kill -9 left them open),
 * with end reason {@code appliance_restart}; calls of other nodes are never touched. Runs at start, before the
 * HTTP server takes calls, and again with the heartbeat until it has succeeded once (the database may be down at
 * start). Only rows admitted before this run started are closed, so a retry cannot close a call just admitted:
 * the bean is created with the context ({@code @Context}), before the HTTP server takes calls. Not in agentctl's
 * contexts ({@code cli} environment): a command run on the appliance's host has the appliance's node id and must
 * not close its calls.
 */
@Context
@Requires(notEnv = "cli")
public class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final LiveCalls liveCalls;
    private final String url;
    private final Instant started;
    private final AtomicBoolean recovered = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    public ClusterNode(LiveCalls liveCalls, Clock clock,
                       @Nullable @Value("${moked.cluster.node-url:}") String nodeUrl,
                       @Nullable @Value("${moked.public-url:}") String publicUrl) {
        this.liveCalls = liveCalls;
        this.started = clock.instant();
        this.url = nodeUrl != null && !nodeUrl.isBlank() ? nodeUrl.strip()
                : publicUrl != null && !publicUrl.isBlank() ? publicUrl.strip() : null;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        beat();
    }

    @Scheduled(fixedDelay = "${moked.cluster.heartbeat-interval:5s}",
            initialDelay = "${moked.cluster.heartbeat-interval:5s}")
    void scheduled() {
        beat();
    }

    /** Records the heartbeat and, until done once, recovers from the previous run. */
    public void beat() {
        try {
            liveCalls.heartbeat(url);
            if (!recovered.get()) {
                recoverPreviousRun();
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("node {}: heartbeat recorded again", liveCalls.nodeId());
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) { // once per outage, not every few seconds
                LOG.warn("node {}: heartbeat not recorded, retrying: {}", liveCalls.nodeId(), e.getMessage());
            }
        }
    }

    /** @return how many calls of this node's previous run were closed */
    public synchronized int recoverPreviousRun() {
        int closed = 0;
        for (LiveCalls.LiveCall call : liveCalls.owned()) {
            if (call.admittedAt().isBefore(started)) {
                liveCalls.close(call.tenantSlug(), call.callSid(), CallEnd.APPLIANCE_RESTART.id());
                closed++;
            }
        }
        recovered.set(true);
        if (closed > 0) {
            LOG.warn("node {}: closed {} call(s) left open by the previous run ({})", liveCalls.nodeId(), closed,
                    CallEnd.APPLIANCE_RESTART.id());
        }
        return closed;
    }
}
