package io.moked.engine;

import io.micronaut.core.annotation.Nullable;
import io.moked.models.ModelCatalog;
import io.moked.models.ModelEntry;
import io.moked.models.ModelSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds engine model files in the models directory ({@link ModelSettings#modelsDir()}: {@code moked.models-dir}, env
 * {@code MOKED_MODELS_DIR}, default {@code $MOKED_DATA_DIR/models}) — the folder {@code agentctl models} installs
 * into. A missing file is an engine error naming the file, the directory and the exact {@code agentctl models pull}
 * command when the manifest knows the file.
 */
@Singleton
public final class ModelFiles {
    private final Path dir;
    private final ModelCatalog catalog;

    @Inject
    public ModelFiles(ModelSettings settings, ModelCatalog catalog) {
        this(settings.modelsDir(), catalog);
    }

    /** For tests and tools: a directory without a manifest. */
    public ModelFiles(Path dir) {
        this(dir, null);
    }

    private ModelFiles(Path dir, @Nullable ModelCatalog catalog) {
        this.dir = dir.toAbsolutePath().normalize();
        this.catalog = catalog;
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
            String fix = manifestName(fileName)
                    .map(name -> "`agentctl models pull " + name + "`")
                    .orElse("`agentctl models pull NAME` (see `agentctl models list`)");
            throw new EngineException(engine, what + " " + fileName + " not found in " + dir + "; install it with "
                    + fix + " or `agentctl models import DIR|TARBALL`");
        }
        return path;
    }

    private Optional<String> manifestName(String fileName) {
        if (catalog == null) {
            return Optional.empty();
        }
        return catalog.entries().stream().filter(e -> fileName.equals(e.file())).map(ModelEntry::name).findFirst();
    }
}
