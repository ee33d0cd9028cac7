package io.moked.crm.lead;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.tenant.Tenant;
import io.moked.db.SqlWhere;
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
        SqlWhere where = where(tenant, filter);
        String sql = "SELECT * FROM leads WHERE " + where.sql() + " ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?";
        return query(sql, where, ps -> {
            ps.setInt(where.size() + 1, limit);
            ps.setInt(where.size() + 2, offset);
        });
    }

    @Transactional(readOnly = true)
    public long count(Tenant tenant, LeadFilter filter) {
        SqlWhere where = where(tenant, filter);
        return jdbc.prepareStatement("SELECT COUNT(*) FROM leads WHERE " + where.sql(), ps -> {
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
        SqlWhere where = where(tenant, filter);
        String sql = "SELECT * FROM leads WHERE " + where.sql() + " AND id > ? ORDER BY id LIMIT ?";
        return query(sql, where, ps -> {
            ps.setLong(where.size() + 1, afterId);
            ps.setInt(where.size() + 2, limit);
        });
    }

    private List<Lead> query(String sql, SqlWhere where, Binder extra) {
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

    private static SqlWhere where(Tenant tenant, LeadFilter filter) {
        SqlWhere w = new SqlWhere();
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
                w.add("(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(email) LIKE ? ESCAPE '\\')", like, like);
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
}
