package io.moked.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;

/**
 * The site's settings file ({@code MOKED_CONFIG}, on an installed appliance {@code /etc/moked/moked.yml}): YAML with
 * the keys of application.yml. The appliance ({@code serve}) and an admin's agentctl read the same file.
 * <p>
 * Precedence, lowest first: application.yml defaults, this file, environment variables ({@code MOKED_DATA_DIR} for
 * {@code moked.data-dir} and so on), then command-line options. Values are literal (no {@code ${...}}).
 */
public final class SettingsFile {
    /** Environment variable naming the file. */
    public static final String ENV = "MOKED_CONFIG";
    /** Just above application.yml and Micronaut's config files, just below environment variables (-200). */
    static final int ORDER = -210;

    private final Path file;
    private final Map<String, Object> values;

    private SettingsFile(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    /** Reads and flattens the file (nested keys become dotted ones, as in Micronaut's configuration). */
    public static SettingsFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("settings file " + file + " (" + ENV + ") does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> flat = new YamlPropertySourceLoader().read(file.getFileName().toString(), in);
            return new SettingsFile(file, flat);
        } catch (java.nio.file.AccessDeniedException e) {
            throw CliException.failure("cannot read the settings file " + file + ": permission denied (on an "
                    + "installed appliance run agentctl with sudo: it then runs as the moked user)", null);
        } catch (IOException | RuntimeException e) {
            throw CliException.failure("cannot read the settings file " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public Map<String, Object> values() {
        return values;
    }

    /** The environment variable Micronaut maps onto a key: moked.data-dir -> MOKED_DATA_DIR. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    PropertySource propertySource() {
        return PropertySource.of("moked-settings:" + file, values, ORDER);
    }
}
