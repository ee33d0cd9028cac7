package io.moked.cli.lead;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadProfiles;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadStatusService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "set-status", description = "Move a lead to another status (code or label; see 'lead statuses list').")
public final class LeadSetStatusCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Parameters(index = "0", paramLabel = "PHONE", description = "The lead's phone number.")
    String phone;

    @Parameters(index = "1", paramLabel = "STATUS", description = "Status code or label.")
    String status;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        Lead lead = service(LeadProfiles.class).find(tenant, phone);
        String code = service(LeadStatusService.class).resolve(tenant, status);
        Lead updated = service(LeadService.class).setStatus(tenant, lead.id(), code, actor.resolve(runtime()));
        out().emit(LeadDtos.row(updated), out -> out.line("Lead " + updated.phone() + " is now '" + updated.status()
                + "' (was '" + lead.status() + "')"));
        return ExitCode.OK;
    }
}
