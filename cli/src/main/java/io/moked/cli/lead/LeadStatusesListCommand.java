package io.moked.cli.lead;

import java.util.List;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.lead.LeadStatus;
import io.moked.crm.lead.LeadStatusService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the tenant's lead statuses in order (the first is given to new leads).")
public final class LeadStatusesListCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        List<LeadStatus> statuses = service(LeadStatusService.class).list(tenant);
        out().emit(statuses, LeadView.statuses(statuses, tenant));
        return ExitCode.OK;
    }
}
