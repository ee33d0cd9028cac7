package io.moked.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.tenant.Tenant;
import io.moked.error.MokedException;
import io.moked.llm.ToolCall;
import io.moked.llm.ToolSpec;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receptionist's tools: their specs for a tenant's calls (one JSON Schema each, for the local grammar and the
 * OpenAI-compatible engine alike) and the execution of a model's {@link ToolCall} by name. {@link #execute} never
 * throws: an unknown tool, arguments that do not fit the schema, an argument the tool cannot use or a failing tool
 * become an error result the model sees, and the call goes on.
 */
@Singleton
public class ToolRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);
    /** the order tools are shown to the model */
    private static final List<String> ORDER = List.of(UpdateLeadTool.NAME, CheckAvailabilityTool.NAME,
            BookMeetingTool.NAME, RescheduleMeetingTool.NAME, CancelMeetingTool.NAME, TransferToHumanTool.NAME,
            EndCallTool.NAME);
    private static final int MAX_ARGUMENT_CHARS = 4000;

    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();

    public ToolRegistry(List<AgentTool> all) {
        List<AgentTool> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(t -> ORDER.contains(t.name()) ? ORDER.indexOf(t.name()) : ORDER.size()));
        for (AgentTool tool : sorted) {
            if (tools.put(tool.name(), tool) != null) {
                throw new IllegalStateException("two tools are named " + tool.name());
            }
            try {
                schemas.put(tool.name(), ToolJson.MAPPER.readTree(tool.parametersSchema()));
            } catch (IOException e) {
                throw new IllegalStateException("tool " + tool.name() + " has an invalid schema", e);
            }
        }
    }

    /** The tools offered on {@code tenant}'s calls. */
    public List<ToolSpec> specs(Tenant tenant) {
        return tools.values().stream().filter(t -> t.offeredTo(tenant))
                .map(t -> new ToolSpec(t.name(), t.description(), t.parametersSchema())).toList();
    }

    /** Runs the call; every failure is an error result for the model, never an exception. */
    public ToolResult execute(ToolContext ctx, ToolCall call) {
        AgentTool tool = call == null ? null : tools.get(call.name());
        if (tool == null || !tool.offeredTo(ctx.tenant())) {
            return ToolResult.error("unknown tool '" + (call == null ? null : ToolJson.clip(call.name(), 60))
                    + "'; tools: " + String.join(", ", specs(ctx.tenant()).stream().map(ToolSpec::name).toList()));
        }
        String raw = call.argumentsJson() == null || call.argumentsJson().isBlank() ? "{}" : call.argumentsJson();
        if (raw.length() > MAX_ARGUMENT_CHARS) {
            return ToolResult.error("arguments are longer than " + MAX_ARGUMENT_CHARS + " characters");
        }
        JsonNode args;
        try {
            args = ToolJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            return ToolResult.error(tool.name() + ": arguments are not valid JSON");
        }
        if (args == null || !args.isObject()) {
            return ToolResult.error(tool.name() + ": arguments must be a JSON object");
        }
        List<String> problems = SchemaCheck.problems(schemas.get(tool.name()), args);
        if (!problems.isEmpty()) {
            return ToolResult.error(tool.name() + ": " + String.join("; ", problems));
        }
        try {
            return tool.execute(ctx, (ObjectNode) args);
        } catch (ToolArgumentException | MokedException e) {
            return ToolResult.error(tool.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("tool {} failed for tenant {}: {}", tool.name(), ctx.tenant().slug(), e.toString(), e);
            return ToolResult.error(tool.name() + " failed on our side; tell the caller someone from the office "
                    + "will follow up, and go on");
        }
    }

    /** The tool names, in the order shown to the model. */
    public List<String> names() {
        return List.copyOf(tools.keySet());
    }
}
