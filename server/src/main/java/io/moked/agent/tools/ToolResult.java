package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

/**
 * The answer to one tool call: the JSON the model sees ({@code {"error": "..."}} when {@code error}) and, for
 * transfer/end-call, the decision the call path carries out.
 */
public record ToolResult(String json, boolean error, @Nullable CallDecision decision) {

    static ToolResult ok(ObjectNode body) {
        return new ToolResult(body.toString(), false, null);
    }

    static ToolResult decided(ObjectNode body, CallDecision decision) {
        return new ToolResult(body.toString(), false, decision);
    }

    static ToolResult error(String message) {
        ObjectNode body = ToolJson.MAPPER.createObjectNode();
        body.put("error", ToolJson.clip(message, ToolJson.MAX_ERROR_CHARS));
        return new ToolResult(body.toString(), true, null);
    }
}
