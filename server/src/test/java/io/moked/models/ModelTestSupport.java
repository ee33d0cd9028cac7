package io.moked.models;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

final class ModelTestSupport {
    private ModelTestSupport() {
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static ModelCatalog catalog(String yaml) {
        return ModelCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    /** One manifest entry as YAML; sha/size may be null. */
    static String entry(String name, String file, Object url, String sha, Long size) {
        return "  - name: " + name + "\n"
                + "    kind: stt\n"
                + "    file: " + file + "\n"
                + (url == null ? "" : "    url: " + url + "\n")
                + "    sha256: " + (sha == null ? "null" : sha) + "\n"
                + "    size: " + (size == null ? "null" : size) + "\n"
                + "    license: MIT\n"
                + "    languages: [he]\n";
    }

    static String manifest(String... entries) {
        return "version: 1\nmodels:\n" + String.join("", entries);
    }

    /** shared/models on dev/CI machines: -Dmoked.shared.dir, MOKED_SHARED_DIR, or a parent dir holding shared/. */
    static Optional<Path> sharedModelsDir() {
        String configured = System.getProperty("moked.shared.dir", System.getenv("MOKED_SHARED_DIR"));
        if (configured != null && Files.isDirectory(Path.of(configured, "models"))) {
            return Optional.of(Path.of(configured, "models"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("models");
            if (Files.isDirectory(candidate) && Files.isDirectory(dir.resolve("shared").resolve("eval"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
