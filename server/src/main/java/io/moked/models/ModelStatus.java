package io.moked.models;

import java.nio.file.Path;

/**
 * One manifest entry and how it stands in the models directory.
 *
 * @param sizeOnDisk     bytes on disk, or null when missing
 * @param expectedSha256 the hash it is held to (manifest or models.lock), or null when none is known
 * @param detail         one line for humans (why corrupted/unverified, what to run)
 */
public record ModelStatus(
        ModelEntry entry,
        InstallState state,
        Path path,
        Long sizeOnDisk,
        String expectedSha256,
        HashSource hashSource,
        String detail) {
}
