package io.moked.cli.tenant;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "show", description = "Show one tenant's settings.")
public final class TenantShowCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Override
    protected int execute() {
        Tenant found = service(TenantService.class).get(tenant.slug());
        out().emit(found, TenantView.details(found));
        return ExitCode.OK;
    }
}
