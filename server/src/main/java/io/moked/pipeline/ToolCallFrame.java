package io.moked.pipeline;

import io.moked.llm.ToolCall;
import io.moked.pipeline.reply.Reply;

/** The language model called a tool while producing {@code reply}. */
public record ToolCallFrame(Reply reply, ToolCall call) implements DataFrame {
}
