package io.moked.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.agent.tools.AgentTool;
import io.moked.agent.tools.CallDecision;
import io.moked.agent.tools.ToolContext;
import io.moked.agent.tools.ToolRegistry;
import io.moked.agent.tools.ToolResult;
import io.moked.crm.tenant.BusinessHours;
import io.moked.crm.tenant.Persona;
import io.moked.crm.tenant.ScoringRules;
import io.moked.crm.tenant.Tenant;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * An agent loop for pipeline tests without a database: test tools named like the call-control tools
 * ({@code transfer_to_human} decides a transfer to {@link #TRANSFER_NUMBER} saying {@link #TRANSFER_SAY},
 * {@code end_call} decides a hang-up saying {@link #GOODBYE}).
 */
public final class TestAgent {
    public static final String TRANSFER_NUMBER = "+972501112222";
    public static final String TRANSFER_SAY = "רגע, מעבירה.";
    public static final String GOODBYE = "להתראות.";

    private TestAgent() {
    }

    public static AgentLoop loop(AgentLoop.Model model, Executor tools, String systemPrompt) {
        ToolRegistry registry = new ToolRegistry(List.of(
                decider("transfer_to_human", new CallDecision.Transfer(TRANSFER_NUMBER, "asked", TRANSFER_SAY)),
                decider("end_call", new CallDecision.EndCall("done", GOODBYE))));
        ToolContext context = new ToolContext(tenant(), 1, null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                "test");
        return new AgentLoop(model, registry, context, tools, new Conversation(systemPrompt, 40),
                new AgentLoop.Settings(0.3, 200, 3, "CA-agent"));
    }

    public static Tenant tenant() {
        return new Tenant(1, "t1", "דירות הים", "נועה", "he-IL", "Asia/Jerusalem", "שלום",
                BusinessHours.parse(Map.of()), 30, TRANSFER_NUMBER, false, 30, 4, null, Map.of(), Map.of(), null,
                null, false, List.of(), Instant.EPOCH, Instant.EPOCH, Persona.empty(), ScoringRules.empty());
    }

    private static AgentTool decider(String name, CallDecision decision) {
        return new AgentTool() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test " + name;
            }

            @Override
            public String parametersSchema() {
                return "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\"}}}";
            }

            @Override
            public ToolResult execute(ToolContext context, ObjectNode arguments) {
                return new ToolResult("{\"decision\":\"" + name + "\"}", false, decision);
            }
        };
    }
}
