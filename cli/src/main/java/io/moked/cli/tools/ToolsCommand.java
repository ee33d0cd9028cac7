package io.moked.cli.tools;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code agentctl tools ...}: look at what the appliance does to text, without placing a call. */
@Command(name = "tools", description = "Text tools: what TTS will be asked to say, vocalized Hebrew to IPA, the "
        + "tenant's text-to-phonemes path, what a caller's time expression means.",
        subcommands = {
            ToolsNormalizeCommand.class,
            ToolsPhonemizeCommand.class,
            ToolsG2pCommand.class,
            ToolsParseTimeCommand.class,
        })
public final class ToolsCommand extends CommandGroup {
}
