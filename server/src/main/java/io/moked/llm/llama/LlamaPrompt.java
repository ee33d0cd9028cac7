package io.moked.llm.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.engine.EngineException;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.ToolCall;

/**
 * Renders a {@link ChatRequest} as the {@code messages} JSON that jllama's {@code applyTemplate} turns into the
 * model's own chat format. ({@code InferenceParameters.setMessages} + {@code setUseChatTemplate} sends an empty
 * prompt in jllama 4.1.0 and only accepts user/assistant roles, so the template is applied explicitly.)
 * <p>
 * Tools live in the system message (the tool prompt). Past tool calls are shown as the assistant's JSON reply in
 * the same {@code {"tool":...,"arguments":...}} form the grammar makes the model produce, and tool results as a user
 * message holding {@code {"tool_result": NAME, "content": ...}}: many built-in (non-Jinja) templates drop or
 * mislabel a {@code tool} role, while every template handles user/assistant.
 */
final class LlamaPrompt {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaPrompt() {
    }

    static String messagesJson(ChatRequest request, String toolPrompt) throws EngineException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        String toolsText = request.tools().isEmpty() || request.toolChoice() == ChatRequest.ToolChoice.NONE ? null
                : toolPrompt.replace("{tools}", ToolGrammar.describe(request.tools()));
        boolean toolsPlaced = false;
        java.util.Map<String, String> callNames = new java.util.HashMap<>();
        for (ChatMessage m : request.messages()) {
            ObjectNode out = JSON.createObjectNode();
            switch (m.role()) {
                case SYSTEM -> {
                    out.put("role", "system");
                    String text = m.content() == null ? "" : m.content();
                    if (toolsText != null && !toolsPlaced) {
                        text = text.isEmpty() ? toolsText : text + "\n\n" + toolsText;
                        toolsPlaced = true;
                    }
                    out.put("content", text);
                }
                case USER -> out.put("role", "user").put("content", nullToEmpty(m.content()));
                case ASSISTANT -> {
                    out.put("role", "assistant");
                    StringBuilder text = new StringBuilder(nullToEmpty(m.content()));
                    for (ToolCall call : m.toolCalls()) {
                        callNames.put(call.id(), call.name());
                        ObjectNode json = JSON.createObjectNode();
                        json.put("tool", call.name());
                        json.set("arguments", readObject(call.argumentsJson()));
                        if (text.length() > 0) {
                            text.append('\n');
                        }
                        text.append(json);
                    }
                    out.put("content", text.toString());
                }
                case TOOL -> {
                    ObjectNode result = JSON.createObjectNode();
                    result.put("tool_result", callNames.getOrDefault(m.toolCallId(), nullToEmpty(m.toolCallId())));
                    result.set("content", readAny(m.content()));
                    out.put("role", "user").put("content", result.toString());
                }
                default -> throw new IllegalStateException("unknown role " + m.role());
            }
            messages.add(out);
        }
        if (toolsText != null && !toolsPlaced) {
            messages.insert(0, JSON.createObjectNode().put("role", "system").put("content", toolsText));
        }
        return body.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static com.fasterxml.jackson.databind.JsonNode readObject(String json) throws EngineException {
        try {
            return JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (java.io.IOException e) {
            throw new EngineException(LlamaLlmEngine.NAME, "tool call arguments are not JSON: " + json, e);
        }
    }

    /** Tool results are usually JSON; plain text is kept as a JSON string. */
    private static com.fasterxml.jackson.databind.JsonNode readAny(String content) {
        try {
            return JSON.readTree(content);
        } catch (java.io.IOException | RuntimeException e) {
            return JSON.getNodeFactory().textNode(content == null ? "" : content);
        }
    }
}
