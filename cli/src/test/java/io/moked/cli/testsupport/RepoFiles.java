package io.moked.cli.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository itself (config/examples/...), found by walking up from the working directory. */
public final class RepoFiles {
    private RepoFiles() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("agentctl")) && Files.isDirectory(dir.resolve("config"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root (with ./agentctl and config/) not found above "
                + Path.of("").toAbsolutePath());
    }

    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing repository file " + file);
        }
        return file;
    }
}
