package io.moked.crm.tenant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.moked.error.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a {@link TenantSpec} from YAML with kebab-case keys (config/examples/tenant.yaml). Unknown keys are errors so
 * a typo does not silently fall back to a default.
 */
public final class TenantSpecLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            // a key given twice is a mistake, not "the last one wins" (issue 11)
            .configure(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

    private TenantSpecLoader() {
    }

    /** @throws ValidationException with the file, line and problem when the file is unreadable or malformed */
    public static TenantSpec load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ValidationException("tenant file not found: " + file);
        } catch (IOException e) {
            throw new ValidationException("cannot read tenant file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A configuration subtree (kebab-case keys, as in the tenant YAML) as {@code type}, e.g. the persona defaults.
     *
     * @throws ValidationException naming {@code source} when the keys or values do not fit
     */
    public static <T> T convert(Object tree, Class<T> type, String source) {
        try {
            return YAML.convertValue(tree, type);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("invalid " + source + ": " + e.getMessage(), e);
        }
    }

    public static TenantSpec parse(InputStream yaml, String source) {
        try {
            TenantSpec spec = YAML.readValue(yaml, TenantSpec.class);
            if (spec == null) {
                throw new ValidationException("tenant file " + source + " is empty");
            }
            return spec;
        } catch (JsonMappingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ValidationException("invalid tenant file " + source + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ValidationException("invalid tenant file " + source + ": " + e.getMessage(), e);
        }
    }
}
