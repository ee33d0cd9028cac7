package io.moked.cluster;

import io.micronaut.context.BeanProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.moked.db.DbKind;
import io.moked.db.DbTarget;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.IntSupplier;

/**
 * Runs a periodic job once per cluster rather than once per appliance. On PostgreSQL the job runs under a session
 * advisory lock ({@code pg_try_advisory_lock}, one key per job; a node that does not get it skips the run) and only
 * when no node started it within its interval ({@code cluster_jobs}, V11), so N appliances with the same schedule
 * run it about once per interval between them. The lock is a session lock on one pooled connection held for the
 * run: a node that dies mid-run loses its connection and with it the lock. On SQLite there is one appliance: the
 * job just runs.
 */
@Singleton
public class ClusterJobs {
    /** First half of every advisory lock key Moked takes ("MKJB"), so other users of the database do not collide. */
    static final int LOCK_NAMESPACE = 0x4d4b4a42;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobs.class);

    private final BeanProvider<DataSource> dataSource;
    private final BeanProvider<DbTarget> target;
    private final NodeIdentity node;
    private final Clock clock;

    public ClusterJobs(@Named("default") BeanProvider<DataSource> dataSource, BeanProvider<DbTarget> target,
                       NodeIdentity node, Clock clock) {
        this.dataSource = dataSource;
        this.target = target;
        this.node = node;
        this.clock = clock;
    }

    /** What became of one scheduled run on this node. */
    public sealed interface Run permits Ran, Skipped {
    }

    /** This node ran the job; {@code result} is what the job returned (e.g. how many items it handled). */
    public record Ran(int result) implements Run {
    }

    /** Another node is running the job, or one started it less than an interval ago. */
    public record Skipped(String reason) implements Run {
    }

    /**
     * Runs {@code job} here unless another node runs it or ran it within {@code interval}.
     *
     * @param name     the job's name, stable across versions (it keys the lock and the {@code cluster_jobs} row)
     * @param interval the job's schedule
     */
    public Run runOnce(String name, Duration interval, IntSupplier job) {
        if (target.get().kind() != DbKind.POSTGRESQL) {
            return new Ran(job.getAsInt());
        }
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource.get());
        try (Connection c = raw.getConnection()) {
            c.setAutoCommit(true);
            if (!lock(c, "SELECT pg_try_advisory_lock(?, ?)", name)) {
                return new Skipped("running on another node");
            }
            try {
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                String recent = startedWithin(c, name, now.minus(interval));
                if (recent != null) {
                    return new Skipped("started within " + interval + " by node " + recent);
                }
                claim(c, name, now);
                return new Ran(job.getAsInt());
            } finally {
                lock(c, "SELECT pg_advisory_unlock(?, ?)", name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cluster job " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean lock(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setInt(1, LOCK_NAMESPACE);
            st.setInt(2, name.hashCode()); // String.hashCode is specified, so every node computes the same key
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The node that started the job after {@code since}, else null. */
    private static String startedWithin(Connection c, String name, Instant since) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT node_id FROM cluster_jobs WHERE job = ? AND last_started_at > ?")) {
            st.setString(1, name);
            st.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void claim(Connection c, String name, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE cluster_jobs SET node_id = ?, last_started_at = ? WHERE job = ?")) {
            update.setString(1, node.id());
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, name);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO cluster_jobs (job, node_id, last_started_at) VALUES (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, node.id());
            insert.setTimestamp(3, Timestamp.from(now));
            insert.executeUpdate();
        }
        LOG.debug("cluster job {} claimed by node {}", name, node.id());
    }
}
