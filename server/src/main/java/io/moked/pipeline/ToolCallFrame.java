package io.moked.pipeline;

import io.moked.llm.ToolCall;

/** The language model called a tool while producing {@code replyId}. */
public record ToolCallFrame(long replyId, ToolCall call) implements DataFrame {
}
