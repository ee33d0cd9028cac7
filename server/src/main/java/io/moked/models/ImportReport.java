package io.moked.models;

import java.util.List;

/** What {@code import} installed and what it left out, with the reason. */
public record ImportReport(List<Imported> imported, List<Skipped> skipped) {
    public ImportReport {
        imported = List.copyOf(imported);
        skipped = List.copyOf(skipped);
    }

    /**
     * @param from       the source file (path, or {@code archive.tar.gz!/inner/path})
     * @param hashLocked true when the hash was recorded in models.lock (entry without a manifest hash)
     */
    public record Imported(String model, String file, String from, String sha256, long sizeBytes,
                           boolean hashLocked) {
    }

    public record Skipped(String from, String reason) {
    }
}
