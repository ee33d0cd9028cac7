package io.moked.cli.prompt;

import java.util.List;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the versions of a tenant's prompt (the active one is marked *).")
public final class PromptListCommand extends AgentctlCommand {
    @Mixin
    PromptTarget target;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        List<PromptVersion> versions = service(PromptService.class).list(tenant, target.channel);
        out().emit(versions, PromptView.versions(tenant, versions));
        return ExitCode.OK;
    }
}
