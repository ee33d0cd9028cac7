package io.moked.cli.eval;

import io.moked.agent.eval.EvalResult;
import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.crm.prompt.Channel;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "run", description = {
        "Run a prompt eval suite: scripted text conversations (caller lines) through the same assistant as a call "
                + "(chat channel: prompt, tools, agent loop), with expectations per turn and per conversation "
                + "(tool called with matching arguments, lead field set, meeting booked, reply contains / does not "
                + "contain, at most N turns).",
        "It runs on a throw-away SQLite copy of the tenant (configuration, prompt versions, statuses, the coming "
                + "weeks' meetings, the suite's callers' leads): nothing real changes. Exit 1 when an expectation "
                + "fails. Suite format: docs/receptionist.md, \"Prompt evals\".",
        "Example: agentctl eval run evals/basics.yaml --tenant yafo-homes --prompt-version 4 --report junit.xml"})
public final class EvalRunCommand extends AgentctlCommand {
    @Parameters(paramLabel = "SUITE.yaml", description = "The suite file.")
    Path suite;

    @Mixin
    TenantOption tenant;

    @Option(names = "--prompt-version", paramLabel = "V",
            description = "Try this version of the prompt (default: the active one); it need not be active.")
    Integer version;

    @Option(names = {"-c", "--channel"}, paramLabel = "CHANNEL",
            description = "Whose prompt: chat or voice (default: chat when the tenant has an active chat prompt, "
                    + "else voice).")
    Channel channel;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the result as JUnit XML.")
    Path report;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() throws Exception {
        Tenant t = service(TenantService.class).get(tenant.slug());
        EvalResult result = EvalRuns.run(runtime(), out(), t, suite, channel, version, actor.resolve(runtime()));
        if (report != null) {
            JunitReport.write(result, report);
        }
        EvalRuns.summary(out(), result);
        return result.passed() ? ExitCode.OK : ExitCode.FAILURE;
    }
}
