package io.moked.models;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Duration;

/** Model beans for the appliance, bound from {@code moked.*} config (env MOKED_MODELS_DIR, MOKED_DATA_DIR, ...). */
@Factory
public class ModelsFactory {

    @Singleton
    ModelSettings modelSettings(@Value("${moked.models-dir:}") String modelsDir,
                                @Value("${moked.data-dir:" + ModelSettings.DEFAULT_DATA_DIR + "}") String dataDir,
                                @Value("${moked.models.manifest:}") String manifest,
                                @Value("${moked.models.connect-timeout:30s}") Duration connectTimeout,
                                @Value("${moked.models.read-timeout:60s}") Duration readTimeout) {
        Path dir = modelsDir.isBlank() ? Path.of(dataDir).resolve("models") : Path.of(modelsDir);
        return new ModelSettings(dir, manifest.isBlank() ? null : Path.of(manifest), connectTimeout, readTimeout);
    }

    @Singleton
    ModelCatalog modelCatalog(ModelSettings settings) {
        return ModelCatalog.load(settings.manifest());
    }

    @Singleton
    ModelStore modelStore(ModelCatalog catalog, ModelSettings settings) {
        return new ModelStore(catalog, settings);
    }
}
