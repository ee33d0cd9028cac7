package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.lead.LeadFacts;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
import io.moked.crm.tenant.Tenant;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code transfer_to_human}: within business hours (and with a transfer number) the decision is a transfer to the
 * tenant's number; otherwise a call-back request is recorded on the lead and the answer says from when to expect
 * it. The live transfer (Twilio redirect) is the call path's job.
 */
@Singleton
final class TransferToHumanTool implements AgentTool {
    static final String NAME = "transfer_to_human";
    static final String CALLBACK_REASON = "callback_reason";
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"properties":{
            "reason":{"type":"string","maxLength":300,"description":"why, in a few words"}}}""";
    private static final int MAX_REASON_CHARS = 300;

    private final LeadService leads;

    TransferToHumanTool(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Hand the caller to a person of the office: when they ask for one, are upset, or need what you "
                + "cannot give (legal, price negotiation, complaints). When the office is closed this records a "
                + "call-back instead; tell the caller what the result says.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(ToolContext ctx, ObjectNode args) {
        Tenant tenant = ctx.tenant();
        String reason = args.hasNonNull("reason") ? ToolJson.clip(args.get("reason").asText().strip(),
                MAX_REASON_CHARS) : "";
        ZonedDateTime now = ctx.localNow();
        ObjectNode out = ToolJson.MAPPER.createObjectNode();
        if (tenant.transferNumber() != null && tenant.businessHours().isOpen(now)) {
            String say = tenant.message("transfer").orElse("");
            out.put("decision", "transfer");
            out.put("say", say);
            return ToolResult.decided(out, new CallDecision.Transfer(tenant.transferNumber(), reason, say));
        }
        Instant expected = tenant.businessHours().nextOpening(now).map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("tenant '" + tenant.slug()
                        + "' has no business hours, so no one can call back"));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(LeadFacts.CALLBACK_REQUESTED, ToolJson.local(ctx.now(), tenant.zoneId()));
        facts.put(CALLBACK_REASON, reason);
        leads.update(tenant, ctx.leadId(), LeadPatch.qualification(facts), ctx.actor());
        String say = tenant.message(tenant.persona().callbackMessage()).orElse("");
        out.put("decision", "callback");
        out.put("expect_call_back_from", ToolJson.local(expected, tenant.zoneId()));
        out.put("say", say);
        return ToolResult.decided(out, new CallDecision.Callback(expected, reason, say));
    }
}
