package io.moked.cli.prompt;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "prompt", description = "Versioned prompts per tenant and channel: push, list, show, diff, activate, "
        + "rollback, history.",
        subcommands = {
            PromptPushCommand.class,
            PromptListCommand.class,
            PromptShowCommand.class,
            PromptDiffCommand.class,
            PromptActivateCommand.class,
            PromptRollbackCommand.class,
            PromptHistoryCommand.class,
        })
public final class PromptCommand extends CommandGroup {
}
