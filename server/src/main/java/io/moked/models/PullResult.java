package io.moked.models;

import java.nio.file.Path;

/**
 * Outcome of pulling one entry.
 *
 * @param downloaded false when the file was already installed and intact
 * @param hashLocked true when this pull recorded the hash in models.lock (first download of an unhashed entry)
 */
public record PullResult(String model, Path path, boolean downloaded, String sha256, long sizeBytes,
                         boolean hashLocked) {
}
