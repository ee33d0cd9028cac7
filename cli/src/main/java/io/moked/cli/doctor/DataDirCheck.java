package io.moked.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The data directory exists, is a writable directory, and has room (reported, not judged: needs vary). */
final class DataDirCheck {
    static final String NAME = "data-dir";
    private static final double BYTES_PER_GB = 1e9;

    private DataDirCheck() {
    }

    static CheckResult run(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            return CheckResult.failed(NAME, absolute + " does not exist (set MOKED_DATA_DIR, or create it with "
                    + "'agentctl db migrate')");
        }
        if (!Files.isDirectory(absolute)) {
            return CheckResult.failed(NAME, absolute + " is not a directory (set MOKED_DATA_DIR to a directory)");
        }
        if (!Files.isWritable(absolute)) {
            return CheckResult.failed(NAME, absolute + " is not writable by " + System.getProperty("user.name"));
        }
        try {
            long freeBytes = Files.getFileStore(absolute).getUsableSpace();
            return new CheckResult(NAME, true,
                    String.format(Locale.ROOT, "%s (%.1f GB free)", absolute, freeBytes / BYTES_PER_GB),
                    Map.of("path", absolute.toString(), "freeBytes", freeBytes));
        } catch (IOException e) {
            return CheckResult.failed(NAME, absolute + ": cannot read free space: " + e.getMessage());
        }
    }
}
