package io.moked.cli;

import java.util.Collection;
import java.util.concurrent.Callable;

import io.moked.cli.output.BidiMode;
import io.moked.cli.output.Output;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base class of every agentctl leaf command (a verb such as {@code tenant create}).
 * <p>
 * Subclasses implement {@link #execute()}: parse-level checks are picocli's job, then call a service through
 * {@link #service(Class)}, render with {@link #out()}, return {@link ExitCode#OK}. For errors throw: a
 * {@link CliException} (usage / notFound / conflict / failure), or let service exceptions propagate; the
 * {@link ExitCodeMapper} turns them into an exit code and one line of text ({@code -v} adds the stack trace).
 * Never call {@code System.exit} and never print stack traces yourself.
 */
@Command
public abstract class AgentctlCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected GlobalOptions globals;

    private Output output;

    @Override
    public final Integer call() throws Exception {
        output = createOutput();
        try {
            return execute();
        } finally {
            output.out().flush();
            output.err().flush();
        }
    }

    /** Does the work. Returns an {@link ExitCode} (normally OK); throws for errors. */
    protected abstract int execute() throws Exception;

    /** The runtime shared by all commands of this process/shell/test. */
    protected CliRuntime runtime() {
        return Agentctl.runtimeOf(spec);
    }

    /** A service bean from the (lazily started) application context. */
    protected <T> T service(Class<T> type) {
        return runtime().bean(type);
    }

    /** All beans of a type, e.g. every {@code io.moked.health.ReadinessCheck}. */
    protected <T> Collection<T> services(Class<T> type) {
        return runtime().beans(type);
    }

    /** Printing: results (table or JSON), notes on stderr, progress. */
    protected Output out() {
        if (output == null) {
            output = createOutput();
        }
        return output;
    }

    private Output createOutput() {
        CliRuntime runtime = runtime();
        boolean reorder = BidiMode.shouldReorder(globals.bidi(), runtime.env(), runtime.stdoutIsTerminal());
        return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), globals.output(), reorder,
                runtime.stderrIsTerminal(), runtime.nanoClock(), runtime::terminalWidth);
    }
}
