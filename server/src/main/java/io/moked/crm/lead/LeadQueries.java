package io.moked.crm.lead;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Filtered reads of a tenant's leads (lead list, lead export). The filter combinations would need a derived finder
 * each, so the SQL is built here from fixed fragments with bound parameters; it is plain SQL valid on SQLite and
 * PostgreSQL (docs/database.md). Export reads in keyset pages ({@code id > last}), so memory stays constant
 * however many leads there are and no transaction stays open between pages.
 */
@Singleton
public class LeadQueries {
    /** Longest search text; longer input is refused rather than sent to the database. */
    static final int MAX_SEARCH_CHARS = 100;
    private static final int MIN_PHONE_DIGITS = 3;

    private final JdbcOperations jdbc;
    private final LeadService leads;

    LeadQueries(JdbcOperations jdbc, LeadService leads) {
        this.jdbc = jdbc;
        this.leads = leads;
    }

    /** Most recently updated first. */
    @Transactional(readOnly = true)
    public List<Lead> list(Tenant tenant, LeadFilter filter, int limit, int offset) {
        if (limit <= 0 || offset < 0) {
            throw new ValidationException("limit must be positive and offset not negative, got " + limit + ", "
                    + offset);
        }
        Where where = where(tenant, filter);
        String sql = "SELECT * FROM leads WHERE " + where.sql + " ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?";
        return query(sql, where, ps -> {
            ps.setInt(where.params.size() + 1, limit);
            ps.setInt(where.params.size() + 2, offset);
        });
    }

    @Transactional(readOnly = true)
    public long count(Tenant tenant, LeadFilter filter) {
        Where where = where(tenant, filter);
        return jdbc.prepareStatement("SELECT COUNT(*) FROM leads WHERE " + where.sql, ps -> {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Up to {@code limit} leads with an id above {@code afterId}, by id: call again with the last id for more. */
    @Transactional(readOnly = true)
    public List<Lead> page(Tenant tenant, LeadFilter filter, long afterId, int limit) {
        Where where = where(tenant, filter);
        String sql = "SELECT * FROM leads WHERE " + where.sql + " AND id > ? ORDER BY id LIMIT ?";
        return query(sql, where, ps -> {
            ps.setLong(where.params.size() + 1, afterId);
            ps.setInt(where.params.size() + 2, limit);
        });
    }

    private List<Lead> query(String sql, Where where, Binder extra) {
        return jdbc.prepareStatement(sql, ps -> {
            where.bind(ps);
            extra.bind(ps);
            List<Lead> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(leads.toDto(jdbc.readEntity(rs, LeadEntity.class)));
                }
            }
            return found;
        });
    }

    private static Where where(Tenant tenant, LeadFilter filter) {
        Where w = new Where();
        w.add("tenant_id = ?", tenant.id());
        if (filter.status() != null) {
            w.add("status = ?", filter.status());
        }
        if (filter.tier() != null) {
            w.add("tier = ?", filter.tier().id());
        }
        if (filter.since() != null) {
            w.add("updated_at >= ?", Timestamp.from(filter.since()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().strip();
            if (term.length() > MAX_SEARCH_CHARS) {
                throw new ValidationException("search text is longer than " + MAX_SEARCH_CHARS + " characters");
            }
            String like = "%" + escapeLike(term.toLowerCase(Locale.ROOT)) + "%";
            String digits = term.replaceAll("\\D", "").replaceFirst("^0+", "");
            if (digits.length() >= MIN_PHONE_DIGITS && term.matches("[\\d\\s+()\\-.]+")) {
                w.add("phone LIKE ?", "%" + digits + "%");
            } else {
                w.sql.append(" AND (LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(email) LIKE ? ESCAPE '\\')");
                w.params.add(like);
                w.params.add(like);
            }
        }
        return w;
    }

    /** LIKE treats % and _ as wildcards; the user's text must match literally. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** A WHERE clause built from fixed fragments and its bound parameters, in order. */
    private static final class Where {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        void add(String condition, Object param) {
            sql.append(sql.length() == 0 ? "" : " AND ").append(condition);
            params.add(param);
        }

        void bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Timestamp t) {
                    ps.setTimestamp(i + 1, t);
                } else if (p instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) p);
                }
            }
        }
    }
}
