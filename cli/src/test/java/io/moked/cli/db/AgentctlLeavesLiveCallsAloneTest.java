package io.moked.cli.db;

import io.moked.cli.CliRun;
import io.moked.cluster.ClusterNode;
import io.moked.cluster.NodeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * agentctl run on the appliance's host has the appliance's node id (same host, same data directory): its context
 * must not run the node's crash recovery, which would close the running appliance's live calls.
 */
class AgentctlLeavesLiveCallsAloneTest {
    @TempDir
    Path dataDir;

    @Test
    void agentctlContextsHaveNoClusterNode() {
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            cli.ok("tenant", "list");
            var context = cli.runtime().context();
            assertTrue(context.findBean(NodeIdentity.class).isPresent(), "the node id is known (live calls)");
            assertTrue(context.findBean(ClusterNode.class).isEmpty(), "no heartbeat or recovery from agentctl");
        }
    }
}
