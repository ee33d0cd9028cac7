package io.moked.agent;

import io.moked.llm.ToolCall;
import io.moked.llm.ToolSpec;
import io.moked.pipeline.CallEnd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tools the voice agent offers the model in this version: hand the caller to a human, and end the call. The
 * descriptions are instructions to the model, not words for the caller. Other tools (leads, meetings) are handled
 * outside the call path.
 */
public final class AgentTools {
    public static final String TRANSFER_TO_HUMAN = "transfer_to_human";
    public static final String END_CALL = "end_call";

    private static final String REASON_SCHEMA = """
            {"type":"object","properties":{"reason":{"type":"string",\
            "description":"why, in a few words"}},"required":[]}""";

    private AgentTools() {
    }

    /** The tool specs for a call; transfer is offered only when the tenant has a transfer number. */
    public static List<ToolSpec> specs(boolean transferAvailable) {
        List<ToolSpec> specs = new ArrayList<>();
        if (transferAvailable) {
            specs.add(new ToolSpec(TRANSFER_TO_HUMAN,
                    "Transfer the caller to a human agent of the business. Use when the caller asks for a person "
                            + "or when you cannot help. Say a short sentence first that you are transferring.",
                    REASON_SCHEMA));
        }
        specs.add(new ToolSpec(END_CALL,
                "End the phone call after saying goodbye, when the conversation is finished.", REASON_SCHEMA));
        return specs;
    }

    /** How the tool call ends the call; empty for a tool this call does not offer. */
    public static Optional<CallEnd> endingOf(ToolCall call, boolean transferAvailable) {
        if (TRANSFER_TO_HUMAN.equals(call.name()) && transferAvailable) {
            return Optional.of(CallEnd.TRANSFERRED);
        }
        if (END_CALL.equals(call.name())) {
            return Optional.of(CallEnd.AGENT_HANGUP);
        }
        return Optional.empty();
    }
}
