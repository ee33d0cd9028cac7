package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.tenant.Tenant;

/**
 * A tool the assistant's model may call. Its {@link #parametersSchema()} is the one JSON Schema of its arguments:
 * the local model's grammar is built from it (llama.cpp), the OpenAI-compatible engine sends it, and
 * {@link ToolRegistry} validates every call against it before {@link #execute} runs. Argument names are an
 * interface (scripts, evals and the upstream simulator use them): never rename one.
 */
public interface AgentTool {
    String name();

    /** What the tool does and when to use it: an instruction to the model, not words for the caller. */
    String description();

    /** JSON Schema (an object schema) of the arguments. */
    String parametersSchema();

    /** Whether the tool is offered on this tenant's calls. */
    default boolean offeredTo(Tenant tenant) {
        return true;
    }

    /**
     * Runs the tool. Arguments already passed the schema; a semantic problem (a time not understood, a meeting
     * that is not the caller's) throws {@link ToolArgumentException} or an {@code io.moked.error} exception, which
     * the registry turns into an error result for the model.
     */
    ToolResult execute(ToolContext context, ObjectNode arguments);
}
