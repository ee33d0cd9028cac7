package io.moked.crm.lead.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moked.error.ValidationException;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines (one object per line, as {@code lead export --format jsonl} writes) and JSON (an array of objects),
 * both read one object at a time. Keys are column names for the header map; a nested {@code "fields"} object holds
 * qualification fields by key. Values: strings as they are, numbers in plain notation, true/false as yes/no (the
 * assistant's pre_approved / has_agent answers), arrays of scalars joined with ", ", null as empty.
 */
final class JsonRecords {
    /** Longest line / string accepted (characters). */
    static final int MAX_RECORD_CHARS = CsvRecordSource.MAX_RECORD_CHARS;
    static final String FIELDS_KEY = "fields";
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_RECORD_CHARS)
                    .maxNestingDepth(8).build()).build());

    private JsonRecords() {
    }

    /** {@code .jsonl}: a line that is not a JSON object is a rejected record, the others still import. */
    static RecordSource lines(Reader reader) {
        return new RecordSource() {
            private final LineReader lines = new LineReader(reader, MAX_RECORD_CHARS);

            @Override
            public List<String> header() {
                return List.of();
            }

            @Override
            public SourceRecord next() throws IOException {
                String line;
                while ((line = lines.next()) != null && line.isBlank()) {
                    // blank lines between records are allowed
                }
                if (line == null) {
                    return null;
                }
                long number = lines.lineNumber();
                if (line.length() >= MAX_RECORD_CHARS) {
                    return SourceRecord.invalid(number, line.substring(0, 200) + "…",
                            "line longer than " + MAX_RECORD_CHARS + " characters");
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    return SourceRecord.invalid(number, line, "not valid JSON: " + e.getOriginalMessage());
                }
                return fromNode(number, node, line);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    /** {@code .json}: a top-level array of objects; a broken array stops the import at the line it breaks. */
    static RecordSource array(Reader reader) throws IOException {
        JsonParser parser = MAPPER.createParser(reader);
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ValidationException("a .json lead file must be an array of objects [{...}, ...]; use .jsonl "
                        + "for one object per line");
            }
        } catch (JsonProcessingException e) {
            throw new ValidationException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new RecordSource() {
            @Override
            public List<String> header() {
                return List.of();
            }

            @Override
            public SourceRecord next() throws IOException {
                try {
                    JsonToken token = parser.nextToken();
                    if (token == null || token == JsonToken.END_ARRAY) {
                        return null;
                    }
                    long line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = MAPPER.readTree(parser);
                    return fromNode(line, node, node.toString());
                } catch (JsonProcessingException e) {
                    throw new ValidationException("invalid JSON at line " + e.getLocation().getLineNr() + ": "
                            + e.getOriginalMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                parser.close();
            }
        };
    }

    static SourceRecord fromNode(long line, JsonNode node, String original) {
        if (node == null || !node.isObject()) {
            return SourceRecord.invalid(line, original, "not a JSON object");
        }
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        var entries = node.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            JsonNode value = entry.getValue();
            try {
                if (FIELDS_KEY.equals(entry.getKey()) && value.isObject()) {
                    var nested = value.fields();
                    while (nested.hasNext()) {
                        var field = nested.next();
                        fields.put(field.getKey(), scalar(field.getKey(), field.getValue()));
                    }
                } else {
                    columns.add(entry.getKey());
                    values.add(scalar(entry.getKey(), value));
                }
            } catch (IllegalArgumentException e) {
                return SourceRecord.invalid(line, original, e.getMessage());
            }
        }
        return new SourceRecord(line, columns, values, fields, original, null);
    }

    private static String scalar(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "yes" : "no";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString()
                    : value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (item.isContainerNode()) {
                    throw new IllegalArgumentException("'" + key + "' holds nested lists or objects");
                }
                String text = scalar(key, item);
                if (!text.isBlank()) {
                    items.add(text);
                }
            }
            return String.join(", ", items);
        }
        if (value.isObject()) {
            throw new IllegalArgumentException("'" + key + "' is an object, expected a value");
        }
        return value.asText();
    }
}
