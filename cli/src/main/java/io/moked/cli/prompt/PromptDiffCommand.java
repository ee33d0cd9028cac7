package io.moked.cli.prompt;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = "Unified diff between two versions: agentctl prompt diff --tenant T 1 2")
public final class PromptDiffCommand extends AgentctlCommand {
    /** JSON shape of {@code prompt diff --output json}. */
    public record Diff(String tenant, String channel, int from, int to, String diff) {
    }

    @Mixin
    PromptTarget target;

    @Parameters(index = "0", paramLabel = "V1", description = "Older version.")
    int from;

    @Parameters(index = "1", paramLabel = "V2", description = "Newer version.")
    int to;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        String diff = service(PromptService.class).diff(tenant, target.channel, from, to);
        out().emit(new Diff(tenant.slug(), target.channel.id(), from, to, diff), out -> PromptView.diff(out, tenant, diff));
        return ExitCode.OK;
    }
}
