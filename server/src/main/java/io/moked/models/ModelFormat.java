package io.moked.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Is a file what its model name says? Checked from the first bytes, before a file is installed or its hash locked,
 * and by {@code models verify}, so an arbitrary file named like a model (a 0-byte link, a text file) is never called
 * intact. By the model's file name: {@code .gguf} starts with "GGUF"; whisper.cpp {@code ggml*.bin} with the ggml
 * magic 0x67676d6c (little-endian, the bytes "lmgg"); {@code .onnx} is a protobuf ModelProto whose first field is
 * ir_version (tag 0x08, a small version number); {@code .json} is a JSON object or array. Other files are not checked.
 */
final class ModelFormat {
    private static final byte[] GGUF = "GGUF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GGML_LE = {0x6c, 0x6d, 0x67, 0x67};
    /** Protobuf tag of ModelProto field 1 (ir_version, varint). */
    private static final int ONNX_IR_VERSION_TAG = 0x08;
    /** Highest ONNX IR version accepted as plausible (IR 10 is current; room for a few more). */
    private static final int ONNX_MAX_IR_VERSION = 30;
    private static final int HEAD_BYTES = 64;

    private ModelFormat() {
    }

    /** Why {@code file} cannot be the model stored as {@code modelFileName}; empty when it can (or is unchecked). */
    static Optional<String> problem(String modelFileName, Path file) throws IOException {
        String name = modelFileName.toLowerCase(java.util.Locale.ROOT);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (name.endsWith(".gguf")) {
            return startsWith(head, GGUF) ? Optional.empty() : Optional.of("not a GGUF file (no GGUF magic)");
        }
        if (name.endsWith(".bin") && name.contains("ggml")) {
            return startsWith(head, GGML_LE) ? Optional.empty()
                    : Optional.of("not a whisper.cpp ggml file (no ggml magic)");
        }
        if (name.endsWith(".onnx")) {
            boolean plausible = head.length >= 2 && head[0] == ONNX_IR_VERSION_TAG && head[1] > 0
                    && head[1] <= ONNX_MAX_IR_VERSION;
            return plausible ? Optional.empty() : Optional.of("not an ONNX model (no ir_version at the start)");
        }
        if (name.endsWith(".json")) {
            String text = new String(head, StandardCharsets.UTF_8).stripLeading();
            return text.startsWith("{") || text.startsWith("[") ? Optional.empty()
                    : Optional.of("not a JSON file");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
