package io.moked.cli.eval;

import io.moked.agent.eval.EvalResult;
import io.moked.agent.eval.EvalSuite;
import io.moked.cli.CliException;
import io.moked.cli.CliRuntime;
import io.moked.cli.output.Direction;
import io.moked.cli.output.Output;
import io.moked.cli.output.Text;
import io.moked.crm.prompt.Channel;
import io.moked.crm.tenant.Tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a suite file in a sandbox and prints its outcome; shared by {@code eval run} and {@code prompt activate}. */
public final class EvalRuns {
    private EvalRuns() {
    }

    /**
     * @param channel null = the chat prompt when the tenant has an active one, else voice
     * @param version null = the active version
     */
    public static EvalResult run(CliRuntime runtime, Output out, Tenant tenant, Path suiteFile, Channel channel,
                                 Integer version, String actor) throws IOException, InterruptedException {
        if (!Files.isRegularFile(suiteFile)) {
            throw CliException.notFound("suite " + suiteFile + ": no such file");
        }
        EvalSuite suite = EvalSuite.load(suiteFile);
        String name = suite.name() != null && !suite.name().isBlank() ? suite.name()
                : suiteFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Direction direction = Direction.forLocale(tenant.locale());
        try (EvalSandbox sandbox = EvalSandbox.open(runtime, tenant, suite.callerPhones(), "eval:" + actor)) {
            if (sandbox.meetingsSkipped() > 0) {
                out.note(sandbox.meetingsSkipped() + " meeting(s) could not be copied into the eval's database");
            }
            return sandbox.runner().run(suite, name, sandbox.tenant(), channel, version, "eval:" + actor, r -> {
                if (!out.isJson()) {
                    out.line((r.passed() ? "PASS  " : "FAIL  ") + r.name() + "  (" + r.turnsRun() + " turns, "
                            + r.expectations() + " expectations)");
                    for (String failure : r.failures()) {
                        out.labelled("", 6, Text.of(failure, direction), null);
                    }
                    out.out().flush();
                }
            });
        }
    }

    /** The summary line (text) or the whole result (JSON). */
    public static void summary(Output out, EvalResult result) {
        out.emit(result, o -> o.line((result.passed() ? "Passed: " : "Failed: ")
                + (result.conversations().size() - result.failedConversations()) + " of "
                + result.conversations().size() + " conversations (tenant '" + result.tenant() + "', "
                + result.channel() + " prompt v" + result.promptVersion() + ", suite " + result.suite() + ")"));
    }
}
