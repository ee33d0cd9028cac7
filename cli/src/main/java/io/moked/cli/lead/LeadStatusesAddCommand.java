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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = {"Add a lead status.",
        "Example: agentctl lead statuses add --tenant yafo-homes viewing --label \"בצפייה\" --position 4"})
public final class LeadStatusesAddCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Parameters(paramLabel = "CODE", description = "Its code: a-z, 0-9 and '-' (what leads and exports store; "
            + "cannot change later).")
    String code;

    @Option(names = "--label", required = true, paramLabel = "TEXT", description = "What people see (can change).")
    String label;

    @Option(names = "--position", paramLabel = "N", description = "1 = first; default: last.")
    Integer position;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        List<LeadStatus> statuses = service(LeadStatusService.class).add(tenant, code, label,
                position, actor.resolve(runtime()));
        out().emit(statuses, LeadView.statuses(statuses, tenant));
        return ExitCode.OK;
    }
}
