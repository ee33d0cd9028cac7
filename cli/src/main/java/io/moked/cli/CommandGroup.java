package io.moked.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base class of a noun ({@code tenant}, {@code prompt}, ...): holds only its verbs as subcommands. Invoked
 * without a verb it prints its usage to stderr and exits with {@link ExitCode#USAGE}.
 */
@Command
public abstract class CommandGroup implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing a command for '" + spec.qualifiedName() + "': one of " + spec.subcommands().keySet()
                        .stream().filter(name -> !"help".equals(name)).toList());
    }
}
