package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

/** {@code end_call}: the conversation is over; the decision is to hang up after the goodbye. */
@Singleton
final class EndCallTool implements AgentTool {
    static final String NAME = "end_call";
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"properties":{
            "reason":{"type":"string","maxLength":300,"description":"why, in a few words"}}}""";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "End the phone call after saying goodbye, when the conversation is finished.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(ToolContext ctx, ObjectNode args) {
        String reason = args.hasNonNull("reason") ? ToolJson.clip(args.get("reason").asText().strip(), 300) : "";
        String say = ctx.tenant().message("goodbye").orElse("");
        ObjectNode out = ToolJson.MAPPER.createObjectNode();
        out.put("decision", "end_call");
        out.put("say", say);
        return ToolResult.decided(out, new CallDecision.EndCall(reason, say));
    }
}
