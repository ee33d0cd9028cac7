package io.moked.cli.lead;

import java.util.List;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.lead.LeadStatus;
import io.moked.crm.lead.LeadStatusService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "reorder", description = {"Put the statuses in a new order: name every status once (code or label). "
        + "The first is given to new leads.", "Example: agentctl lead statuses reorder --tenant yafo-homes new "
        + "contacted qualified viewing meeting-set won lost"})
public final class LeadStatusesReorderCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Parameters(arity = "1..*", paramLabel = "STATUS", description = "All statuses, in the new order.")
    List<String> order;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        List<LeadStatus> statuses = service(LeadStatusService.class).reorder(tenant, order,
                actor.resolve(runtime()));
        out().emit(statuses, LeadView.statuses(statuses, tenant));
        return ExitCode.OK;
    }
}
