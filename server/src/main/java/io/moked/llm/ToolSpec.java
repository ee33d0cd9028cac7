package io.moked.llm;

/** A tool the model may call: name, description and the JSON Schema of its arguments (an object schema). */
public record ToolSpec(String name, String description, String parametersJsonSchema) {
}
