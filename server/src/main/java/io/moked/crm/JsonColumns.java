package io.moked.crm;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes the JSON text columns (messages, qualification, audit before/after...). */
@Singleton
public class JsonColumns {
    private static final Argument<Map<String, String>> STRING_MAP = Argument.mapOf(String.class, String.class);

    private final JsonMapper mapper;

    public JsonColumns(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return new String(mapper.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String json, Argument<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt JSON column: " + e.getMessage(), e);
        }
    }

    /** Insertion-ordered map of strings. */
    public Map<String, String> readStringMap(String json) {
        Map<String, String> map = read(json, STRING_MAP);
        return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }
}
