package io.moked.cli.eval;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code agentctl eval ...}: prompt evals. */
@Command(name = "eval", description = "Prompt evals: scripted conversations with expectations, run against a "
        + "throw-away copy of a tenant's data.",
        subcommands = {
            EvalRunCommand.class,
        })
public final class EvalCommand extends CommandGroup {
}
