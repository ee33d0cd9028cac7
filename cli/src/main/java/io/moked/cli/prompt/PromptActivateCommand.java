package io.moked.cli.prompt;

import io.moked.agent.eval.EvalResult;
import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.eval.EvalRuns;
import io.moked.crm.prompt.PromptActivation;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "activate", description = {"Make a version the one calls use (from the next call on, no restart).",
        "With --require-eval SUITE.yaml the suite is run against that version first (as 'eval run' does, on a "
                + "throw-away copy of the tenant's data) and the version is not activated when it fails (exit 1)."})
public final class PromptActivateCommand extends AgentctlCommand {
    @Mixin
    PromptTarget target;

    @Parameters(paramLabel = "VERSION", description = "Version number (see 'prompt list').")
    int version;

    @Mixin
    ActorOption actor;

    @Option(names = "--require-eval", paramLabel = "SUITE.yaml",
            description = "Activate only when this prompt eval suite passes with the version.")
    Path requireEval;

    @Override
    protected int execute() throws Exception {
        Tenant tenant = target.tenant(runtime());
        if (requireEval != null) {
            service(PromptService.class).show(tenant, target.channel, version); // not found: exit 3 before the eval
            EvalResult eval = EvalRuns.run(runtime(), out(), tenant, requireEval, target.channel, version,
                    actor.resolve(runtime()));
            if (!eval.passed()) {
                throw CliException.failure(target.channel.id() + " prompt v" + version + " not activated: suite "
                        + eval.suite() + " failed in " + eval.failedConversations() + " of "
                        + eval.conversations().size() + " conversations", null);
            }
            out().note("Suite " + eval.suite() + " passed with v" + version + ".");
        }
        PromptActivation activation = service(PromptService.class).activate(tenant, target.channel, version,
                actor.resolve(runtime()));
        out().emit(activation, out -> out.line("Activated " + activation.channel().id() + " prompt v"
                + activation.version() + " for tenant '" + tenant.slug() + "'; the next call uses it."));
        return ExitCode.OK;
    }
}
