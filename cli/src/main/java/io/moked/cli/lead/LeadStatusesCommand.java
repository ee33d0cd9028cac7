package io.moked.cli.lead;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "statuses", description = {"The tenant's lead statuses (its pipeline), in order.",
        "A status has a code (what leads, exports and scripts store; never changes) and a label (what people see; "
                + "'rename' changes it). New leads get the first status."},
        subcommands = {
            LeadStatusesListCommand.class,
            LeadStatusesAddCommand.class,
            LeadStatusesRenameCommand.class,
            LeadStatusesReorderCommand.class,
        })
public final class LeadStatusesCommand extends CommandGroup {
}
