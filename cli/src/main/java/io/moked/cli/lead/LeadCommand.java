package io.moked.cli.lead;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "lead", description = "Leads: list, show, import, export, status, notes, forget; the tenant's statuses.",
        subcommands = {
            LeadListCommand.class,
            LeadShowCommand.class,
            LeadImportCommand.class,
            LeadExportCommand.class,
            LeadSetStatusCommand.class,
            LeadNoteCommand.class,
            LeadForgetCommand.class,
            LeadStatusesCommand.class,
        })
public final class LeadCommand extends CommandGroup {
}
