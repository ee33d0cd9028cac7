package io.moked.cluster;

import io.moked.config.MokedConfig;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Which appliance this is among those sharing one database: {@code moked.cluster.node-id}, or by default
 * {@code <host name>-<8 hex of sha256(absolute data dir)>}, which stays the same across restarts and differs for two
 * appliances on one host with their own data directories. Live calls and periodic jobs are recorded under it, and a
 * restarting node closes only the calls recorded under its own id.
 */
@Singleton
public class NodeIdentity {
    /** Longest node id (the database columns hold 64 characters). */
    static final int MAX_LENGTH = 64;
    private static final String ALLOWED = "[A-Za-z0-9._-]+";

    private final String id;

    public NodeIdentity(ClusterConfig cluster, MokedConfig moked) {
        String configured = cluster.nodeId() == null ? "" : cluster.nodeId().strip();
        if (!configured.isEmpty()) {
            if (configured.length() > MAX_LENGTH || !configured.matches(ALLOWED)) {
                throw new IllegalArgumentException("moked.cluster.node-id must be 1-" + MAX_LENGTH
                        + " characters of A-Z a-z 0-9 . _ -");
            }
            this.id = configured;
        } else {
            this.id = derive(hostName(), moked.dataDir().toAbsolutePath().normalize().toString());
        }
    }

    /** This node's id. */
    public String id() {
        return id;
    }

    static String derive(String hostName, String dataDir) {
        String host = hostName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        String suffix = "-" + sha256Hex(dataDir).substring(0, 8);
        if (host.isEmpty()) {
            host = "node";
        }
        return host.substring(0, Math.min(host.length(), MAX_LENGTH - suffix.length())) + suffix;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node"; // the data directory hash still tells appliances apart
        }
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
