package io.moked.cli.prompt;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;
import io.moked.error.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", description = "Show a prompt version (default: the active one).")
public final class PromptShowCommand extends AgentctlCommand {
    @Mixin
    PromptTarget target;

    @Option(names = {"-V", "--version"}, paramLabel = "N", description = "Version number (default: the active one).")
    Integer version;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        PromptService prompts = service(PromptService.class);
        PromptVersion shown = version != null ? prompts.show(tenant, target.channel, version)
                : prompts.active(tenant, target.channel).orElseThrow(() -> new NotFoundException("tenant '"
                        + tenant.slug() + "' has no active " + target.channel.id() + " prompt (see 'agentctl prompt "
                        + "list --tenant " + tenant.slug() + "', then 'prompt activate')"));
        out().emit(shown, PromptView.details(tenant, shown));
        return ExitCode.OK;
    }
}
