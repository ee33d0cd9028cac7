package io.moked.models;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code models.lock} in the models directory: the sha256 and size recorded the first time a model whose manifest
 * entry has no hash was downloaded or imported (trust on first use). From then on that hash is enforced exactly as
 * a manifest hash would be. Entries survive {@code remove}, so a re-pull is held to the same bytes.
 */
final class ModelLock {
    static final String FILE_NAME = "models.lock";
    private static final String SECTION = "models";
    private static final String HEADER = "# Written by Moked (agentctl models pull/import). Hashes recorded on the first download or\n"
            + "# import of models whose manifest entry has no sha256; later pulls, imports and verify enforce them.\n"
            + "# Delete an entry only if you deliberately accept a new upstream file.\n";

    /** A locked hash for one model. */
    record Locked(String file, String sha256, long sizeBytes, String source, Instant recordedAt) {
    }

    private final Path file;

    ModelLock(Path modelsDir) {
        this.file = modelsDir.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    synchronized Optional<Locked> get(String modelName) {
        Map<String, Object> fields = YamlFiles.readSection(file, SECTION).get(modelName);
        if (fields == null || YamlFiles.text(fields, "sha256") == null) {
            return Optional.empty();
        }
        Long size = YamlFiles.number(fields, "size");
        String recorded = YamlFiles.text(fields, "recordedAt");
        return Optional.of(new Locked(YamlFiles.text(fields, "file"), YamlFiles.text(fields, "sha256"),
                size == null ? -1 : size, YamlFiles.text(fields, "source"),
                recorded == null ? null : Instant.parse(recorded)));
    }

    synchronized void put(String modelName, Locked locked) {
        Map<String, Map<String, Object>> all = YamlFiles.readSection(file, SECTION);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", locked.file());
        fields.put("sha256", locked.sha256());
        fields.put("size", locked.sizeBytes());
        fields.put("source", locked.source());
        fields.put("recordedAt", locked.recordedAt().toString());
        all.put(modelName, fields);
        YamlFiles.writeSection(file, HEADER, SECTION, all);
    }
}
