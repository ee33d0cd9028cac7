package io.moked.testing;

import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the machine's shared folder (real model files, evaluation audio) without copying anything into the repo:
 * system property {@code moked.shared.dir}, env {@code MOKED_SHARED_DIR}, or the first parent of the working
 * directory that has a {@code shared/eval} or {@code shared/models} folder.
 * <p>
 * A plain clone has no such folder. Then a test that needs it is skipped (aborted) with a reason starting with
 * {@link #MISSING_PREFIX}, and {@link SharedAssetsSummary} prints one line naming the skipped classes. On CI
 * ({@code CI=true}) the assets are mandatory and a missing one fails the test instead.
 */
public final class SharedDir {
    /** Start of every skip/failure message about missing shared assets (the summary listener matches it). */
    public static final String MISSING_PREFIX = "shared test assets missing";
    static final String MANDATORY_PROPERTY = "moked.shared.mandatory";

    private SharedDir() {
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
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("eval")) || Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        }
        throw missing("no shared/ folder above " + Path.of("").toAbsolutePath()
                + " (set MOKED_SHARED_DIR or -Dmoked.shared.dir)");
    }

    /** A file or folder inside the shared folder; skipped (or failed on CI) when it is not there. */
    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw missing(p + " does not exist");
        }
        return p;
    }

    /** shared/models: the real model files listed in shared/models/MANIFEST.md. */
    public static Path models() {
        return resolve("models");
    }

    /** The real Silero VAD v6.2 model listed in shared/models/MANIFEST.md. */
    public static Path sileroVadModel() {
        return resolve("models/silero_vad_v6.2.onnx");
    }

    public static Path hebrewSpeech8kUlaw() {
        return resolve("eval/hebrew-speech/audio_8k_ulaw");
    }

    /**
     * True when CI=true (or {@code -Dmoked.shared.mandatory=true}): missing assets then fail the test rather than
     * skip it. The system property, when set, wins over CI (the summary's own test uses it to try both ways).
     */
    static boolean mandatory() {
        String forced = System.getProperty(MANDATORY_PROPERTY);
        return forced != null ? Boolean.parseBoolean(forced) : "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static RuntimeException missing(String what) {
        String message = MISSING_PREFIX + ": " + what;
        if (mandatory()) {
            return new IllegalStateException(message + " (CI=true: the shared assets are mandatory)");
        }
        return new TestAbortedException(message);
    }
}
