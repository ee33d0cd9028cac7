package io.moked.cli.sim.upstream;

import java.util.List;

/**
 * What one chat completion will contain, before any timing is applied.
 *
 * @param pieces       text split into token-sized pieces (each piece is streamed as one delta)
 * @param toolCall     the tool call to emit after the text, or null
 * @param finishReason "stop", "tool_calls" or "length"
 */
record ChatPlan(List<String> pieces, PlannedToolCall toolCall, String finishReason, int promptTokens) {
    record PlannedToolCall(String id, String name, String argumentsJson) {
    }

    String text() {
        return String.join("", pieces);
    }

    int completionTokens() {
        return pieces.size() + (toolCall == null ? 0 : 1 + toolCall.argumentsJson().length() / 4);
    }
}
