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

@Command(name = "rename", description = {"Give a status a new label. Its code stays, so leads in that status, "
        + "exports and scripts are not affected.", "Example: agentctl lead statuses rename --tenant yafo-homes "
        + "contacted \"בטיפול\""})
public final class LeadStatusesRenameCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Parameters(index = "0", paramLabel = "STATUS", description = "Code or current label.")
    String status;

    @Parameters(index = "1", paramLabel = "LABEL", description = "The new label.")
    String label;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        List<LeadStatus> statuses = service(LeadStatusService.class).rename(tenant, status, label,
                actor.resolve(runtime()));
        out().emit(statuses, LeadView.statuses(statuses, tenant));
        return ExitCode.OK;
    }
}
