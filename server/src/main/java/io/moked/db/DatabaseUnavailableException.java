package io.moked.db;

import io.moked.error.MokedException;

/**
 * The database cannot be opened or migrated (unreachable, locked, bad credentials, failed migration). The message
 * is one line naming the database (password removed) and the cause, fit for agentctl without a stack trace.
 */
public class DatabaseUnavailableException extends MokedException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
