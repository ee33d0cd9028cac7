package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the upstream simulator answers: chat rules, transcriptions and the synthetic tone of its speech. Loaded from
 * YAML or JSON; keys missing from a user script keep the values of the bundled {@code default-script.yaml}.
 */
public record SimScript(Chat chat, List<String> transcriptions, double transcriptionAvgLogprob, List<String> models,
                        Speech speech) {

    private static final String DEFAULT_RESOURCE = "default-script.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public SimScript {
        if (chat == null || speech == null) {
            throw new IllegalArgumentException("script needs 'chat' and 'speech'");
        }
        transcriptions = List.copyOf(transcriptions == null ? List.of() : transcriptions);
        if (transcriptions.isEmpty()) {
            throw new IllegalArgumentException("script 'transcriptions' must list at least one text");
        }
        models = List.copyOf(models == null ? List.of() : models);
    }

    public record Chat(List<Rule> rules, String defaultReply, String afterToolReply) {
        public Chat {
            rules = List.copyOf(rules == null ? List.of() : rules);
            if (defaultReply == null || defaultReply.isBlank()) {
                throw new IllegalArgumentException("script 'chat.default_reply' must not be empty");
            }
            if (afterToolReply == null || afterToolReply.isBlank()) {
                throw new IllegalArgumentException("script 'chat.after_tool_reply' must not be empty");
            }
        }
    }

    /**
     * A chat rule; {@code match} is a case-insensitive regex searched in the last user message. {@code systemMatch},
     * when set, is one searched in the system prompt: the rule then only applies to conversations with a matching
     * prompt (two prompt versions, two answers).
     */
    public record Rule(String match, String reply, ToolCallSpec toolCall, String systemMatch) {
        public Rule(String match, String reply, ToolCallSpec toolCall) {
            this(match, reply, toolCall, null);
        }

        public Rule {
            if (match == null || match.isEmpty()) {
                throw new IllegalArgumentException("every chat rule needs 'match'");
            }
            if ((reply == null || reply.isEmpty()) && toolCall == null) {
                throw new IllegalArgumentException("chat rule '" + match + "' needs 'reply' or 'tool_call'");
            }
            try {
                Pattern.compile(match);
                if (systemMatch != null) {
                    Pattern.compile(systemMatch);
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("chat rule '" + match + "': not a valid regex: "
                        + e.getDescription());
            }
        }

        public Pattern pattern() {
            return Pattern.compile(match, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }

        /** The system prompt pattern, or null when the rule applies to any prompt. */
        public Pattern systemPattern() {
            return systemMatch == null || systemMatch.isEmpty() ? null
                    : Pattern.compile(systemMatch, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    public record ToolCallSpec(String name, JsonNode arguments) {
        public ToolCallSpec {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("tool_call needs 'name'");
            }
            if (arguments != null && !arguments.isObject()) {
                throw new IllegalArgumentException("tool_call '" + name + "' arguments must be an object");
            }
        }

        public String argumentsJson() {
            return arguments == null ? "{}" : arguments.toString();
        }
    }

    public record Speech(double toneHz, double amplitude, int msPerChar, int sampleRateHz) {
        public Speech {
            if (toneHz <= 0 || toneHz >= sampleRateHz / 2.0) {
                throw new IllegalArgumentException("speech.tone_hz must be between 0 and half the sample rate");
            }
            if (amplitude <= 0 || amplitude > 1) {
                throw new IllegalArgumentException("speech.amplitude must be in (0, 1]");
            }
            if (msPerChar <= 0) {
                throw new IllegalArgumentException("speech.ms_per_char must be positive");
            }
            if (sampleRateHz < 8000) {
                throw new IllegalArgumentException("speech.sample_rate_hz must be at least 8000");
            }
        }
    }

    /** The bundled default script. */
    public static SimScript defaults() {
        try {
            return YAML.treeToValue(defaultTree(), SimScript.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bundled upstream-sim default script is invalid", e);
        }
    }

    /** Reads a YAML or JSON script; its keys override the defaults. Errors name the file and the bad key. */
    public static SimScript load(Path file) throws IOException {
        JsonNode user;
        try {
            user = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML/JSON: " + e.getOriginalMessage());
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            return defaults();
        }
        if (!user.isObject()) {
            throw new IllegalArgumentException(file + ": the script must be a mapping of keys");
        }
        ObjectNode merged = defaultTree();
        merge(merged, (ObjectNode) user);
        try {
            return YAML.treeToValue(merged, SimScript.class);
        } catch (JsonMappingException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String where = e.getPath().isEmpty() ? "" : " at '" + path(e) + "'";
            throw new IllegalArgumentException(file + where + ": "
                    + (root == e ? e.getOriginalMessage() : root.getMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static ObjectNode defaultTree() {
        try (InputStream in = SimScript.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + DEFAULT_RESOURCE);
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + DEFAULT_RESOURCE, e);
        }
    }

    /** Deep merge for mappings; lists and scalars of the user replace the default. */
    private static void merge(ObjectNode target, ObjectNode source) {
        source.fields().forEachRemaining(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode && entry.getValue() instanceof ObjectNode) {
                merge((ObjectNode) existing, (ObjectNode) entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
