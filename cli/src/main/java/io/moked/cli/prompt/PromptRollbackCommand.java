package io.moked.cli.prompt;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.prompt.PromptActivation;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rollback", description = "Re-activate the version that was active before (repeat to go further back).")
public final class PromptRollbackCommand extends AgentctlCommand {
    @Mixin
    PromptTarget target;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        PromptActivation activation = service(PromptService.class).rollback(tenant, target.channel,
                actor.resolve(runtime()));
        out().emit(activation, out -> out.line("Rolled back: " + activation.channel().id() + " prompt v"
                + activation.version() + " is active again for tenant '" + tenant.slug() + "'."));
        return ExitCode.OK;
    }
}
