package io.moked.cli.call;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code agentctl call ...}: phone calls. */
@Command(name = "call", description = "Phone calls: simulate a call end to end.",
        subcommands = {
            CallSimulateCommand.class,
        })
public final class CallCommand extends CommandGroup {
}
