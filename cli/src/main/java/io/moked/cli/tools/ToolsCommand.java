package io.moked.cli.tools;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "tools", description = "Text tools of the assistant, for scripts and checks: parse-time.",
        subcommands = {
            ToolsParseTimeCommand.class,
        })
public final class ToolsCommand extends CommandGroup {
}
