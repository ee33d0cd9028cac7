package io.moked.cli.call;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.crm.call.CallQueries;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = {"Show one call: who called, how it ended and why, its lead, the prompt "
        + "version it ran with, outcome and summary, and the transcript as a timeline (offsets, STT confidence, "
        + "interruptions, tool calls and results, each reply's latency split into its stages).",
        "With -o json: id, callSid, from, to, direction, status, startedAt, answeredAt, endedAt, durationMs, "
                + "endReason, degraded, degradedReason, outcome, summary, lead {phone, name, status}, prompt "
                + "{channel, version, note, activeNow}, recording {path, deletedAt}, voicemail {url, seconds}, "
                + "frames {received, lost, duplicate, dropped}, turns "
                + "[{seq, role, atMs, endMs, text, sttConfidence, interrupted, latencyMs, stages, tool {name, "
                + "arguments, result}}]."})
public final class CallShowCommand extends AgentctlCommand {
    @Mixin
    CallTarget target;

    @Parameters(paramLabel = "CALL", description = "The call's SID (CA...) or id (from call list).")
    String call;

    @Override
    protected int execute() {
        Tenant tenant = target.tenant(runtime());
        CallDtos.Card card = CallDtos.card(service(CallQueries.class).detail(tenant, call));
        out().emit(card, out -> CallView.card(out, card, tenant));
        return ExitCode.OK;
    }
}
