package io.moked.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The known models, loaded from {@code models/manifest.yaml}. Immutable once loaded.
 *
 * <p>Where the manifest comes from, first match wins: an explicit path (config {@code moked.models.manifest}, env
 * {@code MOKED_MODELS_MANIFEST}); {@code models/manifest.yaml} in the working directory or one of its parents (a
 * source checkout); {@code models/manifest.yaml} next to the installed jar or one of its parents (the packaged
 * appliance); the copy bundled on the classpath (so a bare jar still knows its models).
 */
public final class ModelCatalog {
    static final String MANIFEST_RELATIVE_PATH = "models/manifest.yaml";
    private static final String CLASSPATH_MANIFEST = "/models/manifest.yaml";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Map<String, ModelEntry> entries;
    private final List<ModelProfile> profiles;
    private final String source;

    private ModelCatalog(Map<String, ModelEntry> entries, List<ModelProfile> profiles, String source) {
        this.entries = Collections.unmodifiableMap(entries);
        this.profiles = List.copyOf(profiles);
        this.source = source;
    }

    /** Loads the manifest from {@code explicitManifest} when given, else from the default locations. */
    public static ModelCatalog load(Path explicitManifest) {
        if (explicitManifest != null) {
            if (!Files.isRegularFile(explicitManifest)) {
                throw new ModelException("model manifest " + explicitManifest + " does not exist "
                        + "(check moked.models.manifest / MOKED_MODELS_MANIFEST)");
            }
            return fromFile(explicitManifest);
        }
        Optional<Path> found = findOnDisk(Path.of("").toAbsolutePath());
        if (found.isEmpty()) {
            found = installedLocation().flatMap(ModelCatalog::findOnDisk);
        }
        if (found.isPresent()) {
            return fromFile(found.get());
        }
        URL bundled = ModelCatalog.class.getResource(CLASSPATH_MANIFEST);
        if (bundled == null) {
            throw new ModelException("no model manifest found: set moked.models.manifest (env MOKED_MODELS_MANIFEST) "
                    + "to the path of models/manifest.yaml");
        }
        try (InputStream in = bundled.openStream()) {
            return parse(in, "classpath:" + CLASSPATH_MANIFEST);
        } catch (IOException e) {
            throw new ModelException("cannot read the bundled model manifest: " + e.getMessage(), e);
        }
    }

    public static ModelCatalog fromFile(Path manifest) {
        try (InputStream in = Files.newInputStream(manifest)) {
            return parse(in, manifest.toAbsolutePath().normalize().toString());
        } catch (IOException e) {
            throw new ModelException("cannot read model manifest " + manifest + ": " + e.getMessage(), e);
        }
    }

    /** Parses manifest YAML; {@code source} names it in error messages. */
    public static ModelCatalog parse(InputStream yaml, String source) {
        JsonNode root;
        try {
            root = new YAMLMapper().configure(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true) // a model listed twice is refused
                    .readTree(yaml);
        } catch (IOException e) {
            throw new ModelException("model manifest " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("models").isArray()) {
            throw new ModelException("model manifest " + source + " has no 'models:' list");
        }
        Map<String, ModelEntry> byName = new LinkedHashMap<>();
        Set<String> files = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.path("models")) {
            ModelEntry entry;
            try {
                entry = toEntry(node);
            } catch (IllegalArgumentException e) {
                throw new ModelException("model manifest " + source + ", entry #" + (index + 1) + " ("
                        + node.path("name").asText("?") + "): " + e.getMessage());
            }
            if (byName.putIfAbsent(entry.name(), entry) != null) {
                throw new ModelException("model manifest " + source + ": duplicate name '" + entry.name() + "'");
            }
            if (!files.add(entry.file())) {
                throw new ModelException("model manifest " + source + ": two entries use the file '" + entry.file()
                        + "'");
            }
            index++;
        }
        for (ModelEntry entry : byName.values()) {
            for (String required : entry.requires()) {
                if (!byName.containsKey(required)) {
                    throw new ModelException("model manifest " + source + ": '" + entry.name() + "' requires unknown '"
                            + required + "'");
                }
            }
        }
        return new ModelCatalog(byName, profiles(root, byName, source), source);
    }

    private static List<ModelProfile> profiles(JsonNode root, Map<String, ModelEntry> byName, String source) {
        List<ModelProfile> out = new ArrayList<>();
        for (JsonNode node : root.path("profiles")) {
            String name = node.path("name").asText("");
            if (!SAFE_NAME.matcher(name).matches()) {
                throw new ModelException("model manifest " + source + ": profile name '" + name + "' is not valid");
            }
            Map<String, String> models = new LinkedHashMap<>();
            node.path("models").fields().forEachRemaining(e -> models.put(e.getKey(), e.getValue().asText()));
            models.forEach((stage, model) -> {
                if (!ModelProfile.STAGES.contains(stage)) {
                    throw new ModelException("model manifest " + source + ": profile '" + name + "' has unknown stage '"
                            + stage + "' (expected " + String.join(", ", ModelProfile.STAGES) + ")");
                }
                if (!byName.containsKey(model)) {
                    throw new ModelException("model manifest " + source + ": profile '" + name + "' names unknown model '"
                            + model + "'");
                }
            });
            out.add(new ModelProfile(name, node.path("description").asText(""), node.path("min_cores").asInt(1),
                    node.path("min_ram_gib").asInt(1), node.path("gpu").asBoolean(false), models));
        }
        return out;
    }

    public List<ModelProfile> profiles() {
        return profiles;
    }

    /** The profile or an {@link UnknownModelException} listing the known ones. */
    public ModelProfile requireProfile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                new UnknownModelException(name, "unknown profile '" + name + "'; known: "
                        + String.join(", ", profiles.stream().map(ModelProfile::name).toList())));
    }

    private static ModelEntry toEntry(JsonNode node) {
        String name = requiredText(node, "name");
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-'");
        }
        String file = requiredText(node, "file");
        // the file name becomes a path in the models directory: no separators, no "..", no hidden files
        if (!SAFE_NAME.matcher(file).matches()) {
            throw new IllegalArgumentException("file must be a plain file name, got '" + file + "'");
        }
        ModelKind kind = ModelKind.parse(requiredText(node, "kind"));
        URI url = null;
        String urlText = optionalText(node, "url");
        if (urlText != null) {
            try {
                url = new URI(urlText);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url is not a valid URI: " + urlText);
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("url must be http(s), got " + urlText);
            }
        }
        String sha = optionalText(node, "sha256");
        if (sha != null) {
            sha = sha.toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(sha).matches()) {
                throw new IllegalArgumentException("sha256 must be 64 hex digits or null");
            }
        }
        Long size = null;
        JsonNode sizeNode = node.get("size");
        if (sizeNode != null && !sizeNode.isNull()) {
            if (!sizeNode.canConvertToLong() || sizeNode.asLong() <= 0) {
                throw new IllegalArgumentException("size must be a positive number of bytes or null");
            }
            size = sizeNode.asLong();
        }
        return new ModelEntry(name, kind, file, url, sha, size, optionalText(node, "license"),
                textList(node, "languages"), node.path("fixture").asBoolean(false), textList(node, "requires"),
                optionalText(node, "notes"));
    }

    private static String requiredText(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText().trim();
    }

    private static List<String> textList(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list");
        }
        for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }

    private static Optional<Path> findOnDisk(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(MANIFEST_RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> installedLocation() {
        try {
            URL location = ModelCatalog.class.getProtectionDomain().getCodeSource().getLocation();
            return Optional.of(Path.of(location.toURI()).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (custom class loader): only the working directory and the classpath copy remain
            return Optional.empty();
        }
    }

    public List<ModelEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<ModelEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The entry or an {@link UnknownModelException} listing the known names. */
    public ModelEntry require(String name) {
        ModelEntry entry = entries.get(name);
        if (entry == null) {
            throw new UnknownModelException(name, "unknown model '" + name + "'; known: "
                    + String.join(", ", entries.keySet()) + " (see `agentctl models list`)");
        }
        return entry;
    }

    /** Where the manifest was read from (a path or {@code classpath:...}). */
    public String source() {
        return source;
    }
}
