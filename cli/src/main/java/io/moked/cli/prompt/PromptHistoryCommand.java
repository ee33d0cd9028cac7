package io.moked.cli.prompt;

import java.util.List;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.prompt.PromptActivation;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "history", description = "Who activated or rolled back which version, newest first.")
public final class PromptHistoryCommand extends AgentctlCommand {
    @Mixin
    PromptTarget target;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        List<PromptActivation> history = service(PromptService.class).history(tenant, target.channel);
        out().emit(history, PromptView.history(tenant, history));
        return ExitCode.OK;
    }
}
