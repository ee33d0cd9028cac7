package io.moked.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Files and folders of the appliance's state hold callers' numbers, voices and plans: the data directory and every
 * folder made inside it are 0700, the database (and its WAL/SHM), recordings, backups and the shell history 0600.
 * The modes are set explicitly after creation, so they hold whatever the process umask (the systemd unit's
 * UMask=0077 is a second line, not the only one). On a file system without POSIX permissions these do nothing.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and any missing parents, each created folder mode 0700; an existing {@code dir} itself is
     * set to 0700 too (an existing parent is left as it is: it may be /var/lib or a home directory).
     */
    public static Path directory(Path dir) {
        tightenExisting(createRestricted(dir), DIR_MODE);
        return dir;
    }

    /** Creates {@code dir} (and missing parents) mode 0700, leaving an existing one as it is. */
    public static Path subdirectory(Path dir) {
        createRestricted(dir);
        return dir;
    }

    /** Creates {@code dir} and its missing parents, each created one mode 0700; returns its absolute path. */
    private static Path createRestricted(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        try {
            Files.createDirectories(absolute);
            for (Path created : missing) {
                restrict(created, DIR_MODE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + absolute + ": " + e.getMessage(), e);
        }
        return absolute;
    }

    /**
     * Sets an existing regular file to 0600 when it is more open (a missing file is fine: nothing to protect yet).
     * A file this user may not chmod (another owner, e.g. an admin reading the appliance's files as root's guest)
     * is left as it is: opening it must not fail for that.
     */
    public static void file(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        tightenExisting(file, FILE_MODE);
    }

    /** Best effort on something that existed before: only when more open than {@code mode}, failures ignored. */
    private static void tightenExisting(Path path, Set<PosixFilePermission> mode) {
        if (!posix() || Files.isSymbolicLink(path)) {
            return;
        }
        try {
            if (!mode.containsAll(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))) {
                Files.setPosixFilePermissions(path, mode);
            }
        } catch (IOException | SecurityException notOurs) {
            // not the owner: the owner's own start tightens it
        }
    }

    /** Creates an empty file mode 0600 unless it exists, and sets an existing one to 0600. */
    public static Path createFile(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (posix()) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
                } else {
                    Files.createFile(file);
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created meanwhile by another process: its mode is set below like any existing file's
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
        file(file);
        return file;
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (posix() && !Files.isSymbolicLink(path)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
