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

    /** The licence forbids commercial use (…-NC-…, "non-commercial"): warn while such a model is active. */
    public boolean nonCommercial() {
        String l = license == null ? "" : license.toLowerCase(java.util.Locale.ROOT);
        return l.contains("-nc") || l.contains("non-commercial") || l.contains("noncommercial");
    }

    /** No licence is known for the weights: they may not be usable commercially at all. */
    public boolean licenceUnknown() {
        return license == null || license.isBlank() || "unknown".equalsIgnoreCase(license.trim());
    }

    /** One line for admins when the licence is a problem for a commercial deployment, else empty. */
    public Optional<String> licenceWarning() {
        if (nonCommercial()) {
            return Optional.of(name + " is licensed " + license + ": not for commercial use");
        }
        if (licenceUnknown()) {
            return Optional.of(name + " has no known licence: clear it before commercial use");
        }
        return Optional.empty();
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
