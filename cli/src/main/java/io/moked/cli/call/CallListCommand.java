package io.moked.cli.call;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.lead.LeadFilterOptions;
import io.moked.crm.call.CallFilter;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallPage;
import io.moked.crm.call.CallQueries;
import io.moked.crm.call.CallStatus;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;

@Command(name = "list", description = {"List a tenant's calls, newest first.",
        "With -o json: {calls: [{id, callSid, from, to, direction, status, startedAt, durationMs, endReason, "
                + "outcome, leadId, degraded}], next} (next: the --after cursor of the next page, null on the last)."})
public final class CallListCommand extends AgentctlCommand {
    @Mixin
    CallTarget target;

    @Option(names = "--since", paramLabel = "WHEN", description = {"Only calls started since then: a date "
            + "(2025-03-01, midnight in the tenant's time zone), a local time (2025-03-01T09:00), an instant "
            + "(2025-03-01T07:00:00Z) or a span back from now (7d, 12h)."})
    String since;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only calls in this Twilio status (completed, in-progress, no-answer, busy, failed, ...).")
    String status;

    @Option(names = "--outcome", paramLabel = "OUTCOME",
            description = "Only calls with this outcome (booked, qualified, call-back, not-interested, "
                    + "wrong-number, spam).")
    String outcome;

    @Option(names = "--lead", paramLabel = "PHONE",
            description = "Only calls from this number or linked to the lead with it (any common format).")
    String lead;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "At most N calls (default 50, at most " + CallQueries.MAX_PAGE + ").")
    int limit;

    @Option(names = "--after", paramLabel = "CURSOR",
            description = "Continue after the previous page (the cursor it printed).")
    String after;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        CallFilter filter = new CallFilter(
                since == null ? null : LeadFilterOptions.since(since, tenant.zoneId(), Instant.now()),
                status == null ? null : CallStatus.fromTwilio(status),
                outcome == null ? null : CallOutcome.parse(outcome), lead);
        CallPage page = service(CallQueries.class).list(tenant, filter, limit, after);
        CallDtos.Page dto = new CallDtos.Page(page.calls().stream().map(CallDtos::row).toList(), page.next());
        out().emit(dto, out -> {
            CallView.table(dto.calls(), tenant, filter.equals(CallFilter.all()) && after == null
                    ? "No calls yet." : "No calls match.").render(out);
            if (dto.next() != null) {
                out.note("More calls: add --after " + dto.next());
            }
        });
        return ExitCode.OK;
    }
}
