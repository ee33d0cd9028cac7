package io.moked.cli.call;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code agentctl call ...}: phone calls. */
@Command(name = "call", description = "Phone calls: list, show, replay and re-run recorded calls; simulate a call "
        + "end to end.",
        subcommands = {
            CallListCommand.class,
            CallShowCommand.class,
            CallReplayCommand.class,
            CallRerunCommand.class,
            CallSimulateCommand.class,
        })
public final class CallCommand extends CommandGroup {
}
