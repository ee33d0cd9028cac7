package io.moked.cli.lead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Fields;
import io.moked.crm.lead.ForgetPreview;
import io.moked.crm.lead.ForgetReport;
import io.moked.crm.lead.LeadForgetService;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "forget", description = {"Erase everything the tenant holds about a phone number (a privacy request).",
        "Deletes the lead (name, email, fields, score), its notes and meetings, the text of its call transcripts and "
                + "the call recordings on disk; the calls stay as anonymous records. Earlier audit entries about the "
                + "lead lose their data; one new audit entry records the erasure (counts only).",
        "Voicemails kept by Twilio are listed for you to delete in the Twilio console. Cannot be undone: asks to "
                + "confirm unless --yes."})
public final class LeadForgetCommand extends AgentctlCommand {
    static final String CONFIRMATION = "yes";

    @Mixin
    LeadTarget target;

    @Parameters(paramLabel = "PHONE", description = "The person's phone number.")
    String phone;

    @Option(names = {"-y", "--yes"}, description = "Do not ask to confirm.")
    boolean yes;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() throws IOException {
        Tenant tenant = target.tenant(runtime());
        LeadForgetService forget = service(LeadForgetService.class);
        String who = actor.resolve(runtime());
        if (!yes) {
            confirm(forget.preview(tenant, phone), tenant);
        }
        ForgetReport report = forget.forget(tenant, phone, who);
        out().emit(report, out -> {
            out.line("Erased the data of " + phone.strip() + " in tenant '" + tenant.slug() + "'");
            Fields.create()
                    .add("Lead", report.leadId() == null ? "none" : "deleted")
                    .add("Calls anonymised", report.calls())
                    .add("Transcript turns erased", report.turnsErased())
                    .add("Recordings deleted", report.recordingsDeleted())
                    .add("Meetings deleted", report.meetingsDeleted())
                    .add("Notes deleted", report.notesDeleted())
                    .add("Audit entries redacted", report.auditEntriesRedacted())
                    .render(out);
            report.voicemailsAtTwilio().forEach(url -> out.line("Voicemail kept by Twilio (delete it in the Twilio "
                    + "console): " + url));
            report.recordingsNotDeleted().forEach(path -> out.line("NOT deleted (outside the recordings directory; "
                    + "remove it yourself): " + path));
        });
        return report.recordingsNotDeleted().isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private void confirm(ForgetPreview p, Tenant tenant) throws IOException {
        out().note("This erases, in tenant '" + tenant.slug() + "', everything about " + p.phone()
                + (p.name() == null ? "" : " (" + p.name() + ")") + ": "
                + (p.leadId() == null ? "no lead, " : "the lead, ") + p.calls() + " calls with " + p.turns()
                + " transcript turns, " + p.recordings() + " recordings, " + p.meetings() + " meetings, " + p.notes()
                + " notes. It cannot be undone.");
        out().note("Type '" + CONFIRMATION + "' to erase:");
        String answer = new BufferedReader(new InputStreamReader(runtime().stdin(), StandardCharsets.UTF_8)).readLine();
        if (answer == null || !answer.strip().equalsIgnoreCase(CONFIRMATION)) {
            throw CliException.usage("not confirmed; nothing was erased (type 'yes', or pass --yes)");
        }
    }
}
