package io.moked.models;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

final class ModelTestSupport {
    private ModelTestSupport() {
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Random bytes that start like an ONNX ModelProto (ir_version 8), so ModelFormat accepts them as .onnx. */
    static byte[] onnxBytes(int n, long seed) {
        byte[] bytes = randomBytes(n, seed);
        bytes[0] = 0x08;
        bytes[1] = 0x08;
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
}
