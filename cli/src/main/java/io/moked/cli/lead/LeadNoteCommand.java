package io.moked.cli.lead;

import java.util.List;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Formats;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadNote;
import io.moked.crm.lead.LeadNoteService;
import io.moked.crm.lead.LeadProfiles;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "note", description = {"Add a note to a lead (kept with the time and who wrote it; shown by 'lead show').",
        "Example: agentctl lead note --tenant yafo-homes 052-555-1234 \"asked to be called after 17:00\""})
public final class LeadNoteCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Parameters(index = "0", paramLabel = "PHONE", description = "The lead's phone number.")
    String phone;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The note (words are joined).")
    List<String> words;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        Lead lead = service(LeadProfiles.class).find(tenant, phone);
        LeadNote note = service(LeadNoteService.class).append(tenant, lead.id(), String.join(" ", words),
                actor.resolve(runtime()));
        out().emit(LeadDtos.note(note), out -> out.line("Noted on " + lead.phone() + " at "
                + Formats.time(note.createdAt(), tenant.zoneId()) + " by " + note.author()));
        return ExitCode.OK;
    }
}
