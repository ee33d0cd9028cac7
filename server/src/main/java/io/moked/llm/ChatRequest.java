package io.moked.llm;

import java.util.List;

/**
 * A chat completion request.
 *
 * @param sessionKey identifies the conversation (e.g. the call SID) so a local engine can reuse its KV/prompt cache
 *                   across the turns of one call; may be null
 * @param maxTokens  upper bound on generated tokens
 */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, double temperature, int maxTokens,
                          List<String> stop, String sessionKey) {
    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
