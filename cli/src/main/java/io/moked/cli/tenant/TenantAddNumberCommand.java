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

@Command(name = "add-number", description = {"Route a phone number to the tenant.",
        "Any common format: 050-123-4567, 972501234567, +972 50 123 4567. A number belongs to one tenant only."})
public final class TenantAddNumberCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Parameters(paramLabel = "PHONE", description = "The number.")
    String phone;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant updated = service(TenantService.class).addNumber(tenant.slug(), phone, actor.resolve(runtime()));
        out().emit(updated, out -> out.line("Tenant '" + updated.slug() + "' numbers: "
                + Formats.list(updated.phoneNumbers())));
        return ExitCode.OK;
    }
}
