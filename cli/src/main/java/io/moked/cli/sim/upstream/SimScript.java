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

    /**
     * @param rules          tried in order against the last user message
     * @param afterTool      tried in order when the last message is a tool result (lets a script chain tools,
     *                       e.g. check_availability then book_meeting, or answer a refused booking differently)
     * @param afterToolReply said after a tool result that no {@code after_tool} rule matches
     */
    public record Chat(List<Rule> rules, List<AfterToolRule> afterTool, String defaultReply, String afterToolReply) {
        public Chat {
            rules = List.copyOf(rules == null ? List.of() : rules);
            afterTool = List.copyOf(afterTool == null ? List.of() : afterTool);
            if (defaultReply == null || defaultReply.isBlank()) {
                throw new IllegalArgumentException("script 'chat.default_reply' must not be empty");
            }
            if (afterToolReply == null || afterToolReply.isBlank()) {
                throw new IllegalArgumentException("script 'chat.after_tool_reply' must not be empty");
            }
        }
    }

    /**
     * A chat rule; {@code match} is a case-insensitive regex searched in the last user message. It answers with
     * {@code reply} and/or tool calls: {@code tool_call} (one) or {@code tool_calls} (several in one message, as
     * parallel tool calls). {@code systemMatch}, when set, is a regex searched in the system prompt: the rule then
     * only applies to conversations with a matching prompt (two prompt versions, two answers).
     */
    public record Rule(String match, String reply, ToolCallSpec toolCall, List<ToolCallSpec> toolCalls,
                       String systemMatch) {
        public Rule(String match, String reply, ToolCallSpec toolCall, List<ToolCallSpec> toolCalls) {
            this(match, reply, toolCall, toolCalls, null);
        }

        public Rule {
            if (match == null || match.isEmpty()) {
                throw new IllegalArgumentException("every chat rule needs 'match'");
            }
            toolCalls = allCalls(toolCall, toolCalls, "chat rule '" + match + "'");
            toolCall = null;
            if ((reply == null || reply.isEmpty()) && toolCalls.isEmpty()) {
                throw new IllegalArgumentException("chat rule '" + match + "' needs 'reply' or 'tool_call'");
            }
            checkRegex(match, "chat rule match");
            if (systemMatch != null) {
                checkRegex(systemMatch, "chat rule system_match");
            }
        }

        public Pattern pattern() {
            return compile(match);
        }

        /** The system prompt pattern, or null when the rule applies to any prompt. */
        public Pattern systemPattern() {
            return systemMatch == null || systemMatch.isEmpty() ? null : compile(systemMatch);
        }
    }

    /**
     * Answers a tool result: {@code tool} (the called tool's name) and {@code match} (a case-insensitive regex
     * searched in the result JSON) must both fit when given; either may be left out.
     */
    public record AfterToolRule(String tool, String match, String reply, ToolCallSpec toolCall,
                                List<ToolCallSpec> toolCalls) {
        public AfterToolRule {
            String what = "after_tool rule" + (tool == null ? "" : " for " + tool)
                    + (match == null ? "" : " '" + match + "'");
            if ((tool == null || tool.isBlank()) && (match == null || match.isEmpty())) {
                throw new IllegalArgumentException("every after_tool rule needs 'tool' or 'match'");
            }
            toolCalls = allCalls(toolCall, toolCalls, what);
            toolCall = null;
            if ((reply == null || reply.isEmpty()) && toolCalls.isEmpty()) {
                throw new IllegalArgumentException(what + " needs 'reply' or 'tool_call'");
            }
            if (match != null) {
                checkRegex(match, "after_tool match");
            }
        }

        /** null when the rule does not look at the result's text */
        public Pattern pattern() {
            return match == null || match.isEmpty() ? null : compile(match);
        }
    }

    private static List<ToolCallSpec> allCalls(ToolCallSpec one, List<ToolCallSpec> many, String what) {
        if (one != null && many != null && !many.isEmpty()) {
            throw new IllegalArgumentException(what + ": give 'tool_call' or 'tool_calls', not both");
        }
        if (one != null) {
            return List.of(one);
        }
        return many == null ? List.of() : List.copyOf(many);
    }

    private static void checkRegex(String regex, String what) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(what + " '" + regex + "' is not a valid regex: "
                    + e.getDescription());
        }
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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
