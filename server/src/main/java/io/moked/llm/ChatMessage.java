package io.moked.llm;

import java.util.List;

/** One message of a chat. {@code toolCalls} is set on assistant messages that called tools; {@code toolCallId} on tool results. */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {
    public enum Role { SYSTEM, USER, ASSISTANT, TOOL }

    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, text, List.of(), null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text, List.of(), null);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text, List.of(), null);
    }

    public static ChatMessage assistant(String text, List<ToolCall> calls) {
        return new ChatMessage(Role.ASSISTANT, text, calls, null);
    }

    public static ChatMessage toolResult(String toolCallId, String resultJson) {
        return new ChatMessage(Role.TOOL, resultJson, List.of(), toolCallId);
    }
}
