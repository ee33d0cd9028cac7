package io.moked.models;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small YAML state files in the models directory, replaced atomically so a crash never leaves half a file. */
final class YamlFiles {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    private static final TypeReference<Map<String, Map<String, Object>>> NESTED_MAP = new TypeReference<>() {
    };

    private YamlFiles() {
    }

    /** Reads {@code key -> {field -> value}} under the top-level {@code section}; empty when the file is absent. */
    static Map<String, Map<String, Object>> readSection(Path file, String section) {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> root = MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {
            });
            if (root == null || root.get(section) == null) {
                return new LinkedHashMap<>();
            }
            Map<String, Map<String, Object>> out = MAPPER.convertValue(root.get(section), NESTED_MAP);
            return out == null ? new LinkedHashMap<>() : new LinkedHashMap<>(out);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage()
                    + " (fix or delete the file; it is rewritten by the next pull/import/verify)", e);
        }
    }

    static void writeSection(Path file, String header, String section, Map<String, Map<String, Object>> content) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(section, content);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            String yaml = header + MAPPER.writeValueAsString(root);
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ModelException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String text(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }

    static Long number(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
