package io.moked.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared folder with the real model files and evaluation audio (test code): system property
 * {@code moked.shared.dir}, env {@code MOKED_SHARED_DIR}, or the first parent of the working directory that has a
 * {@code shared/models} folder.
 */
public final class SharedDir {
    private SharedDir() {
    }

    public static Path find() {
        String configured = System.getProperty("moked.shared.dir", System.getenv("MOKED_SHARED_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolve("shared");
            if (Files.isDirectory(shared.resolve("models"))) {
                return shared;
            }
        }
        throw new IllegalStateException("shared folder with models/ not found above " + Path.of("").toAbsolutePath()
                + "; set -Dmoked.shared.dir or MOKED_SHARED_DIR");
    }

    public static Path models() {
        return find().resolve("models");
    }
}
