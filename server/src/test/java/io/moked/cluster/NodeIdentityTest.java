package io.moked.cluster;

import io.moked.config.MokedConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node's id is stable across restarts, tells two data directories on one host apart, and is checked. */
class NodeIdentityTest {
    private static ClusterConfig cluster(String nodeId) {
        return new ClusterConfig(nodeId, "", Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @Test
    void derivedFromHostAndDataDirAndStable() {
        String a = NodeIdentity.derive("Host-1.example", "/var/lib/moked");
        assertEquals(a, NodeIdentity.derive("Host-1.example", "/var/lib/moked"));
        assertTrue(a.startsWith("host-1.example-"), a);
        assertNotEquals(a, NodeIdentity.derive("Host-1.example", "/var/lib/moked2"));
        String longHost = "h".repeat(200);
        assertEquals(NodeIdentity.MAX_LENGTH, NodeIdentity.derive(longHost, "/d").length());
        assertEquals(new NodeIdentity(cluster(""), new MokedConfig(Path.of("/tmp/x"), "IL")).id(),
                new NodeIdentity(cluster(" "), new MokedConfig(Path.of("/tmp/x/../x"), "IL")).id());
    }

    @Test
    void configuredIdWinsAndIsValidated() {
        MokedConfig moked = new MokedConfig(Path.of("/tmp/x"), "IL");
        assertEquals("node-a", new NodeIdentity(cluster("node-a"), moked).id());
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity(cluster("a b"), moked));
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity(cluster("x".repeat(65)), moked));
    }
}
