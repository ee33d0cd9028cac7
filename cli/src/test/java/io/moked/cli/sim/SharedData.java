package io.moked.cli.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's shared folder (models, evaluation audio), found without copying anything into the repo: system
 * property {@code moked.shared.dir}, env {@code MOKED_SHARED_DIR}, or the first parent of the working directory with
 * a {@code shared/eval} folder.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("moked.shared.dir", System.getenv("MOKED_SHARED_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared").resolve("eval"))) {
                return dir.resolve("shared");
            }
        }
        throw new IllegalStateException("shared data folder not found: set -Dmoked.shared.dir or MOKED_SHARED_DIR");
    }

    public static Path sileroVad() {
        return root().resolve("models/silero_vad_v6.2.onnx");
    }

    /** A real Hebrew utterance (8 kHz μ-law WAV) from the evaluation set. */
    public static Path hebrewUtterance(String name) {
        return root().resolve("eval/hebrew-speech/audio_8k_ulaw/hebdb_gt").resolve(name);
    }
}
