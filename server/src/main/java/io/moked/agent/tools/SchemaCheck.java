package io.moked.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks tool arguments against the tool's own JSON Schema — the subset the tools use: type (object, string,
 * number, integer, boolean, array), properties, required, additionalProperties=false, enum, maxLength, items,
 * maxItems. Problems name the argument, so the model can correct its call.
 */
final class SchemaCheck {
    private static final int MAX_PROBLEMS = 5;

    private SchemaCheck() {
    }

    static List<String> problems(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "arguments", out);
        return out.size() > MAX_PROBLEMS ? out.subList(0, MAX_PROBLEMS) : out;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            out.add(path + " must be " + article(type) + ", got " + describe(value));
            return;
        }
        if (schema.has("enum")) {
            boolean known = false;
            for (JsonNode allowed : schema.get("enum")) {
                known |= allowed.equals(value);
            }
            if (!known) {
                out.add(path + " must be one of " + schema.get("enum") + ", got " + describe(value));
            }
        }
        if (value.isTextual() && schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
            out.add(path + " is longer than " + schema.get("maxLength").asInt() + " characters");
        }
        if (value.isArray()) {
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                out.add(path + " has more than " + schema.get("maxItems").asInt() + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
                }
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    out.add(path + "." + required.asText() + " is required");
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (props.has(f.getKey())) {
                    check(props.get(f.getKey()), f.getValue(), path + "." + f.getKey(), out);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    out.add("unknown argument '" + ToolJson.clip(f.getKey(), 40) + "' (known: "
                            + String.join(", ", iterable(props.fieldNames())) + ")");
                }
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "boolean" -> v.isBoolean();
            default -> true;
        };
    }

    private static String article(String type) {
        return (type.equals("object") || type.equals("array") || type.equals("integer") ? "an " : "a ") + type;
    }

    private static String describe(JsonNode v) {
        return v.isTextual() ? "\"" + ToolJson.clip(v.asText(), 40) + "\"" : ToolJson.clip(v.toString(), 40);
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
