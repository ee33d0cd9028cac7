package io.moked.cli.tenant;

import java.util.List;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List tenants.")
public final class TenantListCommand extends AgentctlCommand {
    @Override
    protected int execute() {
        List<Tenant> tenants = service(TenantService.class).list();
        out().emit(tenants, TenantView.table(tenants));
        return ExitCode.OK;
    }
}
