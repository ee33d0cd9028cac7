package io.moked.llm;

/** A tool call emitted by the model; {@code argumentsJson} is a JSON object. */
public record ToolCall(String id, String name, String argumentsJson) {
}
