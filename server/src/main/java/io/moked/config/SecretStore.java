package io.moked.config;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets (Twilio auth tokens) as owner-only files under {@code <data-dir>/secrets/}; the database keeps only the
 * reference ("secrets/NAME"). Values are never logged. With several appliances on one PostgreSQL database, each
 * appliance needs the same files (copy the secrets directory, or run {@code agentctl tenant set-twilio} on each).
 */
@Singleton
public class SecretStore {
    private static final String REF_PREFIX = "secrets/";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public SecretStore(MokedConfig config) {
        this.dir = config.secretsDir();
    }

    /** Writes atomically with mode 0600 and returns the reference to store in the database. */
    public String put(String name, String value) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad secret name: " + name);
        }
        try {
            createDir();
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.deleteIfExists(tmp);
            Files.write(create(tmp), value.getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return REF_PREFIX + name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write secret file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Empty when the reference is unknown or the file is missing on this appliance. */
    public Optional<String> get(String ref) {
        if (ref == null || !ref.startsWith(REF_PREFIX) || !SAFE_NAME.matcher(ref.substring(REF_PREFIX.length())).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(dir.resolve(ref.substring(REF_PREFIX.length())), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret " + ref + ": " + e.getMessage(), e);
        }
    }

    public Path file(String ref) {
        return dir.resolve(ref.substring(REF_PREFIX.length()));
    }

    private void createDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, posix() ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(DIR_PERMS)}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException ignored) {
            // another process created it between the check and here
        }
    }

    private Path create(Path file) throws IOException {
        return posix() ? Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_PERMS)) : Files.createFile(file);
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
