package io.moked.cli.sim;

import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.TestAbortedException;

/**
 * The machine's shared folder (models, evaluation audio), found without copying anything into the repo: system
 * property {@code moked.shared.dir}, env {@code MOKED_SHARED_DIR}, or the first parent of the working directory with
 * a {@code shared/eval} folder.
 * <p>
 * A plain clone has none: tests that need it are skipped with a reason starting with {@link #MISSING_PREFIX}
 * (summed up in one line by {@link io.moked.cli.testsupport.SharedAssetsSummary}); with {@code CI=true} they fail.
 */
public final class SharedData {
    /** Start of every skip/failure message about missing shared assets (the summary listener matches it). */
    public static final String MISSING_PREFIX = "shared test assets missing";

    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("moked.shared.dir", System.getenv("MOKED_SHARED_DIR"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(p)) {
                throw missing("folder " + p + " (from moked.shared.dir / MOKED_SHARED_DIR) does not exist");
            }
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared").resolve("eval"))) {
                return dir.resolve("shared");
            }
        }
        throw missing("no shared/ folder above " + Path.of("").toAbsolutePath()
                + " (set MOKED_SHARED_DIR or -Dmoked.shared.dir)");
    }

    public static Path sileroVad() {
        return existing(root().resolve("models/silero_vad_v6.2.onnx"));
    }

    /** A real Hebrew utterance (8 kHz μ-law WAV) from the evaluation set. */
    public static Path hebrewUtterance(String name) {
        return existing(root().resolve("eval/hebrew-speech/audio_8k_ulaw/hebdb_gt").resolve(name));
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw missing(p + " does not exist");
        }
        return p;
    }

    private static RuntimeException missing(String what) {
        String message = MISSING_PREFIX + ": " + what;
        String forced = System.getProperty("moked.shared.mandatory");
        if (forced != null ? Boolean.parseBoolean(forced) : "true".equalsIgnoreCase(System.getenv("CI"))) {
            return new IllegalStateException(message + " (CI=true: the shared assets are mandatory)");
        }
        return new TestAbortedException(message);
    }
}
