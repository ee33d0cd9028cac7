package io.moked.crm.lead.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.moked.error.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which import column means what: header aliases (Hebrew and English) to {@link ColumnTarget}s, read from
 * {@code lead-import-headers.yaml} (documented there), plus per-import overrides ({@code --map}).
 */
public final class HeaderMap {
    public static final String BUILT_IN = "lead-import-headers.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true); // a header given twice is refused
    /** Invisible characters spreadsheets put into headers: BOM, direction marks and embeddings/isolates. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern QUOTES = Pattern.compile("[\"'`\\u05F3\\u05F4\\u2018\\u2019\\u201C\\u201D]");
    private static final Pattern SEPARATORS = Pattern.compile("[-_\\s]+");

    private final Map<String, ColumnTarget> byHeader;
    private final Set<String> listFields;
    private final List<String> fieldOrder;

    private HeaderMap(Map<String, ColumnTarget> byHeader, Set<String> listFields, List<String> fieldOrder) {
        this.byHeader = Map.copyOf(byHeader);
        this.listFields = Collections.unmodifiableSet(new LinkedHashSet<>(listFields));
        this.fieldOrder = List.copyOf(fieldOrder);
    }

    /** The map shipped in the jar. */
    public static HeaderMap builtIn() {
        try (InputStream in = HeaderMap.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the classpath");
            }
            return parse(in, BUILT_IN);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN, e);
        }
    }

    /** A map in the same format as the built-in one (moked.lead-files.headers-file). */
    public static HeaderMap load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ValidationException("header map not found: " + file);
        } catch (IOException e) {
            throw new ValidationException("cannot read header map " + file + ": " + e.getMessage(), e);
        }
    }

    static HeaderMap parse(InputStream yaml, String source) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        JsonNode headers = root == null ? null : root.get("headers");
        if (headers == null || !headers.isObject()) {
            throw new ValidationException("header map " + source + " has no 'headers:' section");
        }
        Map<String, ColumnTarget> byHeader = new HashMap<>();
        List<String> fieldOrder = new ArrayList<>();
        var targets = headers.fields();
        while (targets.hasNext()) {
            var entry = targets.next();
            ColumnTarget target = ColumnTarget.parse(entry.getKey());
            if (target.kind() == ColumnTarget.Kind.FIELD) {
                fieldOrder.add(target.field());
            }
            for (JsonNode alias : entry.getValue()) {
                ColumnTarget previous = byHeader.put(normalize(alias.asText()), target);
                if (previous != null && !previous.equals(target)) {
                    throw new ValidationException("header map " + source + ": '" + alias.asText() + "' is listed for "
                            + previous + " and " + target);
                }
            }
        }
        Set<String> listFields = new LinkedHashSet<>();
        JsonNode lists = root.get("list-fields");
        if (lists != null) {
            lists.forEach(n -> listFields.add(ColumnTarget.parse(n.asText()).field()));
        }
        return new HeaderMap(byHeader, listFields, fieldOrder);
    }

    /**
     * This map with {@code --map} entries on top (column header to target).
     *
     * @throws ValidationException for an unknown target
     */
    public HeaderMap with(Map<String, String> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        Map<String, ColumnTarget> merged = new HashMap<>(byHeader);
        List<String> order = new ArrayList<>(fieldOrder);
        overrides.forEach((header, target) -> {
            if (header == null || header.isBlank()) {
                throw new ValidationException("--map: empty column name before '=" + target + "'");
            }
            ColumnTarget t = ColumnTarget.parse(target);
            merged.put(normalize(header), t);
            if (t.kind() == ColumnTarget.Kind.FIELD && !order.contains(t.field())) {
                order.add(t.field());
            }
        });
        return new HeaderMap(merged, listFields, order);
    }

    /** What a column header means; empty when the map does not know it. */
    public Optional<ColumnTarget> target(String header) {
        String key = normalize(header);
        ColumnTarget known = byHeader.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        String raw = header == null ? "" : INVISIBLE.matcher(header).replaceAll("").strip();
        if (raw.startsWith(ColumnTarget.FIELD_PREFIX) && raw.length() > ColumnTarget.FIELD_PREFIX.length()) {
            return Optional.of(ColumnTarget.field(raw.substring(ColumnTarget.FIELD_PREFIX.length())));
        }
        return Optional.empty();
    }

    /** Fields whose values are lists ("a, b"). */
    public Set<String> listFields() {
        return listFields;
    }

    /** Qualification keys this map knows, in the map's order (export puts these columns first). */
    public List<String> fieldOrder() {
        return fieldOrder;
    }

    /** The header for a qualification field in an export: the key itself when the map knows it, else fields.KEY. */
    public String exportHeader(String fieldKey) {
        ColumnTarget known = byHeader.get(normalize(fieldKey));
        return known != null && known.equals(ColumnTarget.field(fieldKey)) ? fieldKey
                : ColumnTarget.FIELD_PREFIX + fieldKey;
    }

    /** Lower case, no quote marks or invisible marks, '-', '_' and runs of spaces as one space. */
    public static String normalize(String header) {
        if (header == null) {
            return "";
        }
        String s = INVISIBLE.matcher(header).replaceAll("");
        s = QUOTES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
        return SEPARATORS.matcher(s).replaceAll(" ").strip();
    }
}
