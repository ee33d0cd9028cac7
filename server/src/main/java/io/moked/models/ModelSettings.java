package io.moked.models;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Where models live and which manifest describes them. The appliance binds these from Micronaut config
 * ({@link ModelsFactory}); {@code agentctl models} builds them from system properties and the environment with
 * {@link #fromEnvironment} so it never boots the application context.
 *
 * @param modelsDir        {@code moked.models-dir} / MOKED_MODELS_DIR, default {@code $MOKED_DATA_DIR/models}
 * @param manifest         {@code moked.models.manifest} / MOKED_MODELS_MANIFEST, or null to search the defaults
 * @param connectTimeout   HTTP connect timeout of pulls
 * @param readTimeout      longest silence while receiving a pull before it fails (the partial file is kept)
 */
public record ModelSettings(Path modelsDir, Path manifest, Duration connectTimeout, Duration readTimeout) {
    public static final String DEFAULT_DATA_DIR = "./var";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public ModelSettings {
        if (modelsDir == null) {
            throw new IllegalArgumentException("modelsDir is required");
        }
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    }

    public static ModelSettings of(Path modelsDir) {
        return new ModelSettings(modelsDir, null, null, null);
    }

    /** From JVM system properties ({@code -Dmoked.models-dir=...}) first, then environment variables. */
    public static ModelSettings fromEnvironment() {
        return fromEnvironment(System.getProperties(), System.getenv());
    }

    static ModelSettings fromEnvironment(Properties props, Map<String, String> env) {
        Map<String, Object> properties = new java.util.HashMap<>();
        props.stringPropertyNames().forEach(name -> properties.put(name, props.getProperty(name)));
        return from(properties, env);
    }

    /**
     * From explicit property values ({@code moked.models-dir}, {@code moked.data-dir}, {@code moked.models.manifest})
     * over environment variables (MOKED_MODELS_DIR, MOKED_DATA_DIR, MOKED_MODELS_MANIFEST) over defaults. agentctl
     * passes its runtime's overrides and environment here.
     */
    public static ModelSettings from(Map<String, ?> properties, Map<String, String> env) {
        String modelsDir = firstNonBlank(properties.get("moked.models-dir"), env.get("MOKED_MODELS_DIR"));
        if (modelsDir == null) {
            String dataDir = firstNonBlank(properties.get("moked.data-dir"), env.get("MOKED_DATA_DIR"),
                    DEFAULT_DATA_DIR);
            modelsDir = Path.of(dataDir).resolve("models").toString();
        }
        String manifest = firstNonBlank(properties.get("moked.models.manifest"), env.get("MOKED_MODELS_MANIFEST"));
        return new ModelSettings(Path.of(modelsDir), manifest == null ? null : Path.of(manifest), null, null);
    }

    private static String firstNonBlank(Object... values) {
        for (Object value : values) {
            if (value != null && !value.toString().isBlank()) {
                return value.toString().trim();
            }
        }
        return null;
    }
}
