package io.moked.models;

import java.util.Locale;

/** State of one manifest entry in the models directory. */
public enum InstallState {
    /** present and its sha256 matched the manifest/locked hash when last checked (file unchanged since) */
    INSTALLED,
    /** not in the models directory */
    MISSING,
    /** present but its size or sha256 differs from the expected one */
    CORRUPTED,
    /** present but not checked: no hash known yet, or the file changed since it was last hashed */
    UNVERIFIED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
