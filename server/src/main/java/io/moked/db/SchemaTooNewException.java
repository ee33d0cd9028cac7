package io.moked.db;

/**
 * The database was migrated by a newer Moked than this one (a downgrade): this program refuses to run on it, since
 * it does not know what the newer schema means. The message names both versions and the way back.
 */
public class SchemaTooNewException extends DatabaseUnavailableException {
    public SchemaTooNewException(String message) {
        super(message, null);
    }
}
