package io.moked.cli.prompt;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.prompt.PromptActivation;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "activate", description = "Make a version the one calls use (from the next call on, no restart).")
public final class PromptActivateCommand extends AgentctlCommand {
    @Mixin
    PromptTarget target;

    @Parameters(paramLabel = "VERSION", description = "Version number (see 'prompt list').")
    int version;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        PromptActivation activation = service(PromptService.class).activate(tenant, target.channel, version,
                actor.resolve(runtime()));
        out().emit(activation, out -> out.line("Activated " + activation.channel().id() + " prompt v"
                + activation.version() + " for tenant '" + tenant.slug() + "'; the next call uses it."));
        return ExitCode.OK;
    }
}
