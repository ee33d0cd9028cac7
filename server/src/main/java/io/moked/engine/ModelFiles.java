package io.moked.engine;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds model files in the models directory: {@code moked.models-dir} (env {@code MOKED_MODELS_DIR}), default
 * {@code $MOKED_DATA_DIR/models}. A missing file is an engine error that names the file, the directory and the
 * {@code agentctl models} commands that install it.
 */
@Singleton
public final class ModelFiles {
    private final Path dir;

    public ModelFiles(@Nullable @Value("${moked.models-dir:}") String modelsDir,
                      @Value("${moked.data-dir:./var}") String dataDir) {
        this(modelsDir == null || modelsDir.isBlank() ? Path.of(dataDir, "models") : Path.of(modelsDir));
    }

    public ModelFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The file's path in the models directory (an absolute path in config is used as is); it may not exist. */
    public Path resolve(String fileName) {
        return dir.resolve(fileName);
    }

    /**
     * @param what what the file is for, e.g. "whisper model (moked.engines.stt.whisper.model)"
     * @throws EngineException naming the fix when the file is not configured or not there
     */
    public Path require(String engine, String what, @Nullable String fileName) throws EngineException {
        if (fileName == null || fileName.isBlank()) {
            throw new EngineException(engine, "no " + what + " configured");
        }
        Path path = resolve(fileName);
        if (!Files.isRegularFile(path)) {
            throw new EngineException(engine, what + " " + fileName + " not found in " + dir
                    + "; install it with `agentctl models pull NAME` (see `agentctl models list`) or "
                    + "`agentctl models import DIR|TARBALL`");
        }
        return path;
    }
}
