package io.moked.llm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.LlamaModel;
import io.moked.engine.EngineException;
import io.moked.llm.ChatRequest;
import io.moked.llm.ToolSpec;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Grammar that constrains the local model's reply when tools are offered.
 * <p>
 * Protocol: a tool call is exactly one JSON object {@code {"tool": NAME, "arguments": {...}}} whose arguments
 * follow that tool's JSON Schema; anything else is a plain-text reply. The model chooses with its first character:
 * <ul>
 * <li>{@code AUTO}: {@code root ::= tool-call | text-reply}, where a text reply may not begin with {@code {} or
 * whitespace. So a reply that starts with {@code {} is forced to be a complete, schema-valid call, and a reply that
 * starts with anything else is free text (the engine streams it as it comes).</li>
 * <li>{@code REQUIRED}: only {@code tool-call}.</li>
 * <li>{@code NONE} (or no tools): no grammar.</li>
 * </ul>
 * The tool-call rules are produced by llama.cpp's own JSON-Schema-to-GBNF converter from a {@code oneOf} over the
 * tools, so every JSON Schema feature llama.cpp supports works in tool parameters.
 */
public final class ToolGrammar {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROOT_RULE = Pattern.compile("(?m)^root\\s*::=");
    private static final String TOOL_CALL_RULE = "moked-tool-call";

    private ToolGrammar() {
    }

    /** @return the GBNF grammar, or null when the reply is unconstrained */
    public static String forRequest(ChatRequest request) throws EngineException {
        if (request.tools().isEmpty() || request.toolChoice() == ChatRequest.ToolChoice.NONE) {
            return null;
        }
        String toolCall = LlamaModel.jsonSchemaToGrammar(callSchema(request.tools()));
        if (request.toolChoice() == ChatRequest.ToolChoice.REQUIRED) {
            return toolCall;
        }
        if (!ROOT_RULE.matcher(toolCall).find()) {
            throw new EngineException(LlamaLlmEngine.NAME, "llama.cpp returned a tool grammar without a root rule");
        }
        String renamed = ROOT_RULE.matcher(toolCall).replaceFirst(TOOL_CALL_RULE + " ::=");
        return "root ::= " + TOOL_CALL_RULE + " | text-reply\n"
                + "text-reply ::= [^{ \\t\\r\\n] [^\\x00]*\n"
                + renamed;
    }

    /** {@code oneOf} over {@code {"tool": const NAME, "arguments": <that tool's schema>}}. */
    static String callSchema(List<ToolSpec> tools) throws EngineException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode oneOf = root.putArray("oneOf");
        for (ToolSpec tool : tools) {
            ObjectNode call = oneOf.addObject();
            call.put("type", "object");
            ObjectNode props = call.putObject("properties");
            props.putObject("tool").put("const", tool.name());
            props.set("arguments", parameters(tool));
            call.putArray("required").add("tool").add("arguments");
            call.put("additionalProperties", false);
        }
        return root.toString();
    }

    /** One JSON line per tool for the system prompt: name, description, parameters. */
    static String describe(List<ToolSpec> tools) throws EngineException {
        StringBuilder out = new StringBuilder();
        for (ToolSpec tool : tools) {
            ObjectNode line = JSON.createObjectNode();
            line.put("name", tool.name());
            line.put("description", tool.description());
            line.set("parameters", parameters(tool));
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line);
        }
        return out.toString();
    }

    private static JsonNode parameters(ToolSpec tool) throws EngineException {
        try {
            JsonNode schema = JSON.readTree(tool.parametersJsonSchema());
            if (schema == null || !schema.isObject()) {
                throw new EngineException(LlamaLlmEngine.NAME, "tool " + tool.name()
                        + ": parameters schema must be a JSON object");
            }
            return schema;
        } catch (IOException e) {
            throw new EngineException(LlamaLlmEngine.NAME, "tool " + tool.name() + ": invalid parameters schema: "
                    + e.getMessage(), e);
        }
    }
}
