package io.moked.cluster;

import io.micronaut.context.BeanProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.moked.call.LiveCallStore;
import io.moked.crm.call.CallService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.db.DbKind;
import io.moked.db.DbTarget;
import io.moked.error.MokedException;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Live calls and node heartbeats in the database ({@code live_calls}, {@code cluster_nodes}, V11). Admission is
 * one transaction: on PostgreSQL it first locks the tenant's row ({@code SELECT ... FOR UPDATE}), so two nodes
 * admitting calls of one tenant at once are serialised and the limit holds; on SQLite the IMMEDIATE transaction
 * already holds the database's write lock. Rows of nodes whose heartbeat is older than
 * {@code moked.cluster.node-timeout} are not counted (the node is dead; it closes them when it starts again).
 * Plain JDBC because of the row lock and the conditional insert, which repositories cannot express on both
 * databases (docs/database.md). The datasource is looked up lazily: an appliance whose database is down still
 * starts.
 */
@Singleton
public class LiveCalls implements LiveCallStore {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCalls.class);

    private final BeanProvider<DataSource> dataSource;
    private final BeanProvider<DbTarget> target;
    private final NodeIdentity node;
    private final ClusterConfig config;
    private final TenantService tenants;
    private final CallService calls;
    private final Clock clock;

    public LiveCalls(@Named("default") BeanProvider<DataSource> dataSource, BeanProvider<DbTarget> target,
                     NodeIdentity node, ClusterConfig config, TenantService tenants, CallService calls,
                     Clock clock) {
        this.dataSource = dataSource;
        this.target = target;
        this.node = node;
        this.config = config;
        this.tenants = tenants;
        this.calls = calls;
        this.clock = clock;
    }

    /** A call recorded live on this node. */
    public record LiveCall(String callSid, long tenantId, String tenantSlug, Instant admittedAt) {
    }

    @Override
    public TenantAdmission admit(String callSid, long tenantId, int tenantLimit) {
        return inTransaction(c -> {
            if (target.get().kind() == DbKind.POSTGRESQL) {
                // serialises admissions of this tenant on all nodes until this transaction ends
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM tenants WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, tenantId);
                    lock.executeQuery().close();
                }
            }
            try (PreparedStatement existing = c.prepareStatement(
                    "SELECT node_id FROM live_calls WHERE call_sid = ?")) {
                existing.setString(1, callSid);
                try (ResultSet rs = existing.executeQuery()) {
                    if (rs.next()) {
                        String owner = rs.getString(1);
                        return owner.equals(node.id()) ? new TenantAdmission(true, 0, null)
                                : new TenantAdmission(false, 0, owner);
                    }
                }
            }
            int active;
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM live_calls WHERE tenant_id = ? "
                    + "AND (node_id = ? OR node_id IN (SELECT node_id FROM cluster_nodes WHERE heartbeat_at >= ?))")) {
                count.setLong(1, tenantId);
                count.setString(2, node.id());
                count.setTimestamp(3, Timestamp.from(aliveSince()));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    active = rs.getInt(1);
                }
            }
            if (tenantLimit > 0 && active >= tenantLimit) {
                return new TenantAdmission(false, active, null);
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO live_calls (call_sid, tenant_id, node_id, admitted_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, callSid);
                insert.setLong(2, tenantId);
                insert.setString(3, node.id());
                insert.setTimestamp(4, Timestamp.from(now()));
                insert.executeUpdate();
            }
            return new TenantAdmission(true, active, null);
        });
    }

    @Override
    public void release(String callSid) {
        inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM live_calls WHERE call_sid = ? AND node_id = ?")) {
                delete.setString(1, callSid);
                delete.setString(2, node.id());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void close(String tenantSlug, String callSid, String reason) {
        try {
            Tenant tenant = tenants.get(tenantSlug);
            calls.end(tenant, calls.getBySid(tenant, callSid).id(), null, reason);
        } catch (MokedException e) {
            LOG.warn("call {} of tenant {} could not be closed ({}): {}", callSid, tenantSlug, reason,
                    e.getMessage());
        }
        release(callSid);
    }

    /** The calls recorded live on this node, oldest first. */
    public List<LiveCall> owned() {
        return inTransaction(c -> {
            List<LiveCall> owned = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT l.call_sid, l.tenant_id, t.slug, "
                    + "l.admitted_at FROM live_calls l JOIN tenants t ON t.id = l.tenant_id WHERE l.node_id = ? "
                    + "ORDER BY l.admitted_at, l.call_sid")) {
                select.setString(1, node.id());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        owned.add(new LiveCall(rs.getString(1), rs.getLong(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return owned;
        });
    }

    /** Records that this node is alive (and where Twilio reaches it). */
    public void heartbeat(String publicUrl) {
        Instant now = now();
        inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE cluster_nodes SET heartbeat_at = ?, public_url = ? WHERE node_id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, publicUrl);
                update.setString(3, node.id());
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO cluster_nodes "
                    + "(node_id, public_url, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, node.id());
                insert.setString(2, publicUrl);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setTimestamp(4, Timestamp.from(now));
                insert.executeUpdate();
            }
            return null;
        });
    }

    public String nodeId() {
        return node.id();
    }

    private Instant aliveSince() {
        return now().minus(config.nodeTimeout());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in its own transaction on its own connection (never joins a caller's transaction). */
    <T> T inTransaction(Work<T> work) {
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource.get());
        try (Connection c = raw.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("live calls: " + e.getMessage(), e);
        }
    }
}
