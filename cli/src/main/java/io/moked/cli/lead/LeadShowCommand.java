package io.moked.cli.lead;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.lead.LeadProfiles;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = {"Show one lead: status, score, qualification fields, meetings, notes.",
        "With -o json: phone, name, email, status, statusLabel, score, tier, source, fields, meetings (start and end "
                + "in the tenant's local time, YYYY-MM-DDTHH:MM; kind; status; address), notes, createdAt, updatedAt."})
public final class LeadShowCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Parameters(paramLabel = "PHONE", description = "The lead's phone number, in any common format.")
    String phone;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        LeadDtos.Card card = LeadDtos.card(service(LeadProfiles.class).byPhone(tenant, phone), tenant.zoneId());
        out().emit(card, LeadView.card(card, tenant));
        return ExitCode.OK;
    }
}
