package io.moked.cli.call;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Direction;
import io.moked.cli.sim.CallRerun;
import io.moked.crm.call.CallQueries;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "rerun", description = {"Re-run a recorded call with another prompt version: the caller's side of "
        + "its recording, cut into the caller's turns, is played to a running appliance as a simulated Twilio call "
        + "that uses --prompt-version (a signed choice only the tenant's auth token can make, see docs/calls.md); "
        + "the old and new agent replies are printed side by side. A regression check before a prompt change.",
        "The re-run is a real call on that appliance: it is stored, and tools it calls act on the tenant's data "
                + "for the --from number. Run it on the appliance host (the new call is read from its database).",
        "With -o json: {oldCallSid, oldPromptVersion, newCallSid, newPromptVersion, slots [{index, caller, heardNow, "
                + "oldReply, newReply}], call} (slot 0 is the greeting)."})
public final class CallRerunCommand extends AgentctlCommand {
    @Mixin
    CallTarget target;

    @Parameters(paramLabel = "CALL", description = "The recorded call's SID (CA...) or id.")
    String call;

    @Option(names = "--prompt-version", paramLabel = "V", required = true,
            description = "The voice prompt version to run with (agentctl prompt list).")
    int version;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The appliance's address as this machine reaches it. Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL Twilio is configured with (moked.public-url); requests are signed over it. "
                    + "Default: MOKED_PUBLIC_URL, else --url.")
    String publicUrl;

    @Option(names = "--from", paramLabel = "NUMBER", defaultValue = "+972500000001",
            description = "Caller number of the re-run (E.164). Default: ${DEFAULT-VALUE}, a simulation number, so "
                    + "the real caller's lead is not touched; give the original number to render the prompt with "
                    + "that lead's details.")
    String from;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "File holding the tenant's Twilio auth token; default: the tenant's own, from this "
                    + "machine's appliance data.")
    Path authTokenFile;

    @Option(names = "--account-sid", paramLabel = "SID", description = "The tenant's Twilio account SID (AC...).")
    String accountSid;

    @Override
    protected int execute() throws Exception {
        Tenant tenant = target.tenant(runtime());
        var old = service(CallQueries.class).detail(tenant, call);
        CallRerun.Result result = new CallRerun(runtime(), out()).run(tenant, old, version,
                new CallRerun.Target(url, publicUrl, authTokenFile, accountSid, from));
        out().emit(result, o -> CallRerun.print(o, result, Direction.forLocale(tenant.locale())));
        return result.call().completed() && result.call().errors().isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }
}
