package io.moked.llm;

import java.util.List;

/**
 * A chat completion request.
 *
 * @param sessionKey identifies the conversation (e.g. the call SID) so a local engine can reuse its KV/prompt cache
 *                   across the turns of one call; may be null
 * @param maxTokens  upper bound on generated tokens
 * @param toolChoice whether the model may ({@code AUTO}), must ({@code REQUIRED}) or must not ({@code NONE}) call
 *                   one of {@code tools}
 */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, double temperature, int maxTokens,
                          List<String> stop, String sessionKey, ToolChoice toolChoice) {
    public enum ToolChoice { AUTO, REQUIRED, NONE }

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
        toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
        if (toolChoice == ToolChoice.REQUIRED && tools.isEmpty()) {
            throw new IllegalArgumentException("toolChoice REQUIRED needs at least one tool");
        }
    }

    /** The model decides between text and a tool call ({@link ToolChoice#AUTO}). */
    public ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, double temperature, int maxTokens,
                       List<String> stop, String sessionKey) {
        this(messages, tools, temperature, maxTokens, stop, sessionKey, ToolChoice.AUTO);
    }
}
