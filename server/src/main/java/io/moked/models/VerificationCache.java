package io.moked.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers which installed files were hashed, with their size and modification time, so {@code list} can report a
 * state without re-reading gigabytes. A file whose size or mtime changed since is "unverified" until
 * {@code verify} hashes it again. Disposable: deleting it only makes files show as unverified.
 */
final class VerificationCache {
    static final String FILE_NAME = ".verified.yaml";
    private static final String SECTION = "files";
    private static final String HEADER = "# Moked verification cache (safe to delete; `agentctl models verify` rebuilds it)\n";

    private final Path file;

    VerificationCache(Path modelsDir) {
        this.file = modelsDir.resolve(FILE_NAME);
    }

    /** The sha256 last computed for {@code modelFile}, if the file is unchanged since. */
    synchronized Optional<String> knownHash(Path modelFile) {
        Map<String, Object> fields = YamlFiles.readSection(file, SECTION).get(modelFile.getFileName().toString());
        if (fields == null) {
            return Optional.empty();
        }
        try {
            long size = Files.size(modelFile);
            long mtime = Files.getLastModifiedTime(modelFile).toMillis();
            Long cachedSize = YamlFiles.number(fields, "size");
            Long cachedMtime = YamlFiles.number(fields, "mtimeMillis");
            if (cachedSize != null && cachedSize == size && cachedMtime != null && cachedMtime == mtime) {
                return Optional.ofNullable(YamlFiles.text(fields, "sha256"));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    synchronized void record(Path modelFile, String sha256) throws IOException {
        Map<String, Map<String, Object>> all = YamlFiles.readSection(file, SECTION);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sha256", sha256);
        fields.put("size", Files.size(modelFile));
        fields.put("mtimeMillis", Files.getLastModifiedTime(modelFile).toMillis());
        fields.put("verifiedAt", Instant.now().toString());
        all.put(modelFile.getFileName().toString(), fields);
        YamlFiles.writeSection(file, HEADER, SECTION, all);
    }

    synchronized void forget(String fileName) {
        Map<String, Map<String, Object>> all = YamlFiles.readSection(file, SECTION);
        if (all.remove(fileName) != null) {
            YamlFiles.writeSection(file, HEADER, SECTION, all);
        }
    }
}
