package io.moked.crm;

import java.sql.SQLException;

/** Recognises constraint violations across SQLite and PostgreSQL so services can answer with a ConflictException. */
public final class DbErrors {
    private static final String PG_UNIQUE_VIOLATION = "23505";
    private static final int SQLITE_CONSTRAINT_UNIQUE = 2067;
    private static final int SQLITE_CONSTRAINT_PRIMARYKEY = 1555;

    private DbErrors() {
    }

    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                SQLException sql = (SQLException) t;
                if (PG_UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
                int code = sql.getErrorCode();
                if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
                        || (sql.getMessage() != null && sql.getMessage().contains("UNIQUE constraint failed"))) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
