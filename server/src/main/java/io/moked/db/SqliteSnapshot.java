package io.moked.db;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A consistent copy of a live SQLite database with {@code VACUUM INTO}: it reads inside one transaction, so the copy
 * is the database as of one moment even while the appliance keeps writing (WAL mode lets it), and it contains what
 * the WAL holds. The copy is compact, owner-only (0600) and fails rather than overwrite an existing file.
 */
public final class SqliteSnapshot {
    private SqliteSnapshot() {
    }

    public static void vacuumInto(DataSource raw, Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(absolute.toString()));
        }
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            try (Connection c = raw.getConnection(); PreparedStatement st = c.prepareStatement("VACUUM INTO ?")) {
                st.setString(1, absolute.toString());
                st.execute();
            }
            if (Files.getFileStore(absolute).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot copy the SQLite database to " + absolute + ": "
                    + DataSourceFactory.rootMessage(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        }
    }
}
