package io.moked.db;

import java.util.List;

/** The database products Moked runs on. Detected from the configured URL, see {@link DbTarget}. */
public enum DbKind {
    SQLITE("sqlite", 4),
    POSTGRESQL("postgresql", 10);

    private final String migrationFolder;
    private final int defaultPoolSize;

    DbKind(String migrationFolder, int defaultPoolSize) {
        this.migrationFolder = migrationFolder;
        this.defaultPoolSize = defaultPoolSize;
    }

    /** Flyway locations: the shared schema plus this product's own scripts. */
    public List<String> migrationLocations() {
        return List.of("classpath:db/migration/common", "classpath:db/migration/" + migrationFolder);
    }

    public int defaultPoolSize() {
        return defaultPoolSize;
    }
}
