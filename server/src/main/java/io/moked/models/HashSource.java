package io.moked.models;

import java.util.Locale;

/** Where the expected sha256 of a model comes from. */
public enum HashSource {
    /** the manifest entry */
    MANIFEST,
    /** models.lock, recorded on the first download/import */
    LOCK,
    /** not known yet */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
