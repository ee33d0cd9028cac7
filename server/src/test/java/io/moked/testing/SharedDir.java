package io.moked.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the machine's shared folder (models, evaluation audio) without copying anything into the repo: system
 * property {@code moked.shared.dir}, env {@code MOKED_SHARED_DIR}, or the first parent of the working directory
 * that has a {@code shared/eval} folder. Fails with a clear message when none is found.
 */
public final class SharedDir {
    private SharedDir() {
    }

    public static Path root() {
        String configured = System.getProperty("moked.shared.dir", System.getenv("MOKED_SHARED_DIR"));
        if (configured != null && !configured.isBlank()) {
            return requireDir(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("eval"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared data folder not found: set -Dmoked.shared.dir or MOKED_SHARED_DIR "
                + "(looked for shared/eval above " + Path.of("").toAbsolutePath() + ")");
    }

    public static Path resolve(String relative) {
        return requireExists(root().resolve(relative));
    }

    /** The real Silero VAD v6.2 model listed in shared/models/MANIFEST.md. */
    public static Path sileroVadModel() {
        return resolve("models/silero_vad_v6.2.onnx");
    }

    public static Path hebrewSpeech8kUlaw() {
        return resolve("eval/hebrew-speech/audio_8k_ulaw");
    }

    private static Path requireDir(Path p) {
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared data folder " + p + " does not exist");
        }
        return p;
    }

    private static Path requireExists(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException("shared file " + p + " is missing");
        }
        return p;
    }
}
