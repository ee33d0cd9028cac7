package io.moked.cli.tenant;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.cli.output.Formats;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "remove-number", description = "Stop routing a phone number to the tenant.")
public final class TenantRemoveNumberCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Parameters(paramLabel = "PHONE", description = "The number, in any common format.")
    String phone;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant updated = service(TenantService.class).removeNumber(tenant.slug(), phone, actor.resolve(runtime()));
        out().emit(updated, out -> out.line("Tenant '" + updated.slug() + "' numbers: "
                + Formats.list(updated.phoneNumbers())));
        return ExitCode.OK;
    }
}
