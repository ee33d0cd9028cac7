package io.moked.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause built from fixed SQL fragments (never from input) and its bound parameters, in order: the filtered
 * listings that need keyset paging in plain JDBC (lead and call queries) share it.
 */
public final class SqlWhere {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    /**
     * Adds {@code condition}, joined with AND, bound to {@code values} (String, Long or Timestamp), one per
     * {@code ?} in order.
     */
    public void add(String condition, Object... values) {
        sql.append(sql.length() == 0 ? "" : " AND ").append(condition);
        params.addAll(List.of(values));
    }

    public String sql() {
        return sql.toString();
    }

    public int size() {
        return params.size();
    }

    /** Binds the parameters from index 1. */
    public void bind(PreparedStatement ps) throws SQLException {
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
