package io.moked.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code update_lead}: writes what the caller said about themselves the moment it is learned (its own committed
 * transaction, so a crash later in the call loses nothing). Every key is optional; qualification answers land in
 * the lead's fields under the argument names, name and email on the lead itself, and the score is recomputed.
 */
@Singleton
final class UpdateLeadTool implements AgentTool {
    static final String NAME = "update_lead";
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"properties":{
            "name":{"type":"string","maxLength":200,"description":"the caller's name"},
            "email":{"type":"string","maxLength":254},
            "intent":{"type":"string","enum":["buy","rent"]},
            "property_type":{"type":"string","maxLength":100,"description":"apartment, house, penthouse, office..."},
            "rooms":{"type":"number","description":"number of rooms, e.g. 3.5"},
            "areas":{"type":"array","maxItems":10,"items":{"type":"string","maxLength":100},
              "description":"neighbourhoods or cities"},
            "budget":{"type":"number","description":"in ILS, e.g. 2500000"},
            "timeline":{"type":"string","enum":["asap","1-3m","3-6m","6m+","browsing"]},
            "pre_approved":{"type":"string","enum":["yes","no","in_process"],"description":"mortgage pre-approval"},
            "has_agent":{"type":"string","enum":["yes","no","not_sure"],"description":"works with another agent"},
            "notes":{"type":"string","maxLength":1000}}}""";
    private static final double MAX_ROOMS = 50;
    private static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

    private final LeadService leads;

    UpdateLeadTool(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Save what you learned about the caller as soon as they say it (name, what they look for, budget, "
                + "timeline, mortgage pre-approval, other agent, notes). Send only the keys you learned now.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(ToolContext ctx, ObjectNode args) {
        if (args.isEmpty()) {
            throw new ToolArgumentException("send at least one of the keys you learned");
        }
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> saved = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = args.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            saved.add(f.getKey());
            switch (f.getKey()) {
                case "name", "email" -> {
                }
                case "rooms" -> {
                    double rooms = f.getValue().asDouble();
                    if (rooms <= 0 || rooms > MAX_ROOMS) {
                        throw new ToolArgumentException("rooms must be between 0.5 and " + (int) MAX_ROOMS);
                    }
                    facts.put("rooms", plain(f.getValue().decimalValue()));
                }
                case "budget" -> {
                    BigDecimal budget = f.getValue().decimalValue();
                    if (budget.signum() <= 0 || budget.compareTo(MAX_BUDGET) > 0) {
                        throw new ToolArgumentException("budget must be a positive amount in ILS, e.g. 2500000");
                    }
                    facts.put("budget", plain(budget));
                }
                case "areas" -> {
                    List<String> areas = new ArrayList<>();
                    f.getValue().forEach(a -> areas.add(a.asText().strip()));
                    facts.put("areas", String.join(", ", areas));
                }
                default -> facts.put(f.getKey(), f.getValue().asText().strip());
            }
        }
        String name = args.has("name") ? args.get("name").asText() : null;
        String email = args.has("email") ? args.get("email").asText() : null;
        Lead lead = leads.update(ctx.tenant(), ctx.leadId(), new LeadPatch(name, email, null,
                facts.isEmpty() ? null : facts, null, null), ctx.actor());
        ObjectNode out = ToolJson.MAPPER.createObjectNode();
        out.put("saved", true);
        saved.forEach(out.putArray("fields")::add);
        if (lead.name() != null) {
            out.put("name", lead.name());
        }
        return ToolResult.ok(out);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
