package io.moked.cli.sim.upstream;

import java.util.List;

/**
 * What one chat completion will contain, before any timing is applied.
 *
 * @param pieces       text split into token-sized pieces (each piece is streamed as one delta)
 * @param toolCalls    the tool calls to emit after the text (indices 0, 1, ... in one message), maybe none
 * @param finishReason "stop", "tool_calls" or "length"
 */
record ChatPlan(List<String> pieces, List<PlannedToolCall> toolCalls, String finishReason, int promptTokens) {
    record PlannedToolCall(String id, String name, String argumentsJson) {
    }

    String text() {
        return String.join("", pieces);
    }

    int completionTokens() {
        int tokens = pieces.size();
        for (PlannedToolCall call : toolCalls) {
            tokens += 1 + call.argumentsJson().length() / 4;
        }
        return tokens;
    }
}
