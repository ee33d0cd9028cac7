package io.moked.models;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One model the appliance knows, as declared in {@code models/manifest.yaml}.
 *
 * @param sha256   expected hash (lower-case hex) or null when the manifest does not know it (then the hash recorded
 *                 in {@code models.lock} on first download/import is enforced)
 * @param sizeBytes expected size or null when unknown
 * @param fixture  a test-only file, not a model to run in production
 * @param requires names of entries installed together with this one
 */
public record ModelEntry(
        String name,
        ModelKind kind,
        String file,
        URI url,
        String sha256,
        Long sizeBytes,
        String license,
        List<String> languages,
        boolean fixture,
        List<String> requires,
        String notes) {

    public ModelEntry {
        languages = languages == null ? List.of() : List.copyOf(languages);
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    public Optional<String> manifestSha256() {
        return Optional.ofNullable(sha256);
    }

    public Optional<Long> manifestSize() {
        return Optional.ofNullable(sizeBytes);
    }

    /** The file name at the download URL (upstream name), used to recognise files on import. */
    public Optional<String> upstreamFileName() {
        if (url == null || url.getPath() == null) {
            return Optional.empty();
        }
        String path = url.getPath();
        int slash = path.lastIndexOf('/');
        String last = slash >= 0 ? path.substring(slash + 1) : path;
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }
}
