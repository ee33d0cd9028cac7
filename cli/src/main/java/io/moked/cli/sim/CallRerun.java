package io.moked.cli.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.call.SimulationPrompt;
import io.moked.cli.CliException;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Direction;
import io.moked.cli.output.Json;
import io.moked.cli.output.Output;
import io.moked.cli.output.Table;
import io.moked.cli.output.Text;
import io.moked.cli.sim.call.CallEnvironment;
import io.moked.cli.sim.call.CallResult;
import io.moked.cli.sim.call.Scenario;
import io.moked.cli.sim.call.SimulatedCall;
import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.twilio.CallIdentity;
import io.moked.crm.call.CallDetail;
import io.moked.crm.call.CallQueries;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code agentctl call rerun} does: the caller's side of a recorded call, cut into its turns, is played to a
 * running appliance as a simulated call ({@link SimulatedCall}, Twilio's protocol) that runs with another prompt
 * version ({@link SimulationPrompt}'s signed choice); the new call's stored turns are then set beside the old ones,
 * slot by slot: the greeting, then the agent's reply to each caller turn (its tool calls included, "[tool NAME]").
 */
public final class CallRerun {
    /** How often the new call's row is read while the appliance finishes writing it. */
    private static final long POLL_MS = 250;
    /** The appliance writes the last turns shortly after the stream ends; longer than this is a failure. */
    private static final long SETTLE_TIMEOUT_MS = 15_000;
    /** After the call ended, a last agent turn may still be on the persistence lane. */
    private static final long LAST_TURN_MS = 1_000;

    /** Where the re-run goes and who it claims to be. */
    public record Target(String url, String publicUrl, Path authTokenFile, String accountSid, String from) {
    }

    /** One slot: what the caller said (and what the appliance heard this time), the old and the new reply. */
    public record Slot(int index, String caller, String heardNow, String oldReply, String newReply) {
    }

    /** The old and new call side by side. */
    public record Result(String oldCallSid, Integer oldPromptVersion, String newCallSid, int newPromptVersion,
                         List<Slot> slots, CallResult call) {
    }

    private final CliRuntime runtime;
    private final Output out;

    public CallRerun(CliRuntime runtime, Output out) {
        this.runtime = runtime;
        this.out = out;
    }

    public Result run(Tenant tenant, CallDetail old, int version, Target where) throws Exception {
        PromptVersion prompt = runtime.bean(PromptService.class).show(tenant, Channel.VOICE, version);
        Scenario scenario = scenario(old);
        SimTargetOptions target = new SimTargetOptions();
        target.url = where.url();
        target.publicUrl = where.publicUrl();
        target.authTokenFile = where.authTokenFile();
        target.accountSid = where.accountSid();
        target.to = old.call().to();
        target.from = where.from();
        target.statusCallback = true;
        TwilioAccount account = target.account(SimServices.accounts(runtime));
        CallIdentity id = CallIdentity.fresh(account.accountSid(), target.from(), target.to());
        Direction written = Direction.forLocale(tenant.locale());
        out.note("Re-running " + old.call().callSid() + " (" + scenario.turns().size() + " caller turns) with voice "
                + "prompt v" + prompt.version() + " as " + id.callSid() + " via " + target.url);
        CallResult result;
        try (SimClients clients = new SimClients()) {
            CallEnvironment base = target.environment(clients, runtime, account);
            CallEnvironment env = new CallEnvironment(base.http(), base.scheduler(), base.target(), base.publicBase(),
                    base.authToken(), base.accountSid(), base.statusCallbacks(), Map.of(
                    SimulationPrompt.VERSION_PARAM, Integer.toString(version),
                    SimulationPrompt.SIGNATURE_PARAM, SimulationPrompt.sign(account.authToken(), id.callSid(),
                            version)));
            result = new SimulatedCall(env, scenario, id, new CallPrinter(out, written), new LoadReport(),
                    io.moked.cli.sim.call.AudioTap.NONE).start()
                    .get(scenario.maxDurationMs() + 30_000, TimeUnit.MILLISECONDS);
        }
        CallDetail now = settled(tenant, id.callSid());
        if (now.promptVersion() == null || now.promptVersion().version() != version) {
            throw new CliException(ExitCode.FAILURE, "the appliance ran " + id.callSid() + " with "
                    + (now.promptVersion() == null ? "no prompt" : "prompt v" + now.promptVersion().version())
                    + ", not v" + version + " (is moked.call.simulation-prompt-override on, and the auth token the "
                    + "tenant's?)");
        }
        return new Result(old.call().callSid(), old.promptVersion() == null ? null : old.promptVersion().version(),
                id.callSid(), version, slots(old.turns(), now.turns()), result);
    }

    /** The caller turns of the recording, with the barge-ins of the original call where the caller cut in. */
    static Scenario scenario(CallDetail old) throws Exception {
        String path = old.call().recordingPath();
        if (path == null || old.call().recordingDeletedAt() != null || !Files.isRegularFile(Path.of(path))) {
            throw CliException.notFound("call " + old.call().callSid() + " has no recording on this machine "
                    + (path == null ? "(the tenant does not record calls)" : old.call().recordingDeletedAt() != null
                    ? "(deleted by retention)" : "(" + path + " is missing)"));
        }
        List<CallerChannel.Span> spans = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> bargeIns = new ArrayList<>();
        CallTurn previous = null;
        for (CallTurn t : old.turns()) {
            if (t.role() == TurnRole.USER && t.startMs() != null && t.endMs() != null && t.endMs() > t.startMs()) {
                spans.add(new CallerChannel.Span(t.startMs(), t.endMs()));
                labels.add(t.text());
                boolean cutIn = previous != null && previous.role() == TurnRole.ASSISTANT && previous.interrupted()
                        && previous.startMs() != null;
                bargeIns.add(cutIn ? Math.max(0, t.startMs() - previous.startMs()) : null);
            }
            if (t.role() != TurnRole.TOOL) {
                previous = t;
            }
        }
        if (spans.isEmpty()) {
            throw CliException.notFound("call " + old.call().callSid() + " has no caller turns with offsets to "
                    + "re-run");
        }
        List<byte[]> clips = CallerChannel.cut(Path.of(path), spans);
        List<Scenario.Turn> turns = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            turns.add(new Scenario.Turn(labels.get(i), clips.get(i), 0, bargeIns.get(i)));
        }
        return new Scenario(turns, Scenario.Timing.defaults());
    }

    /** The new call once it ended and its turns are written. */
    private CallDetail settled(Tenant tenant, String callSid) throws InterruptedException {
        CallQueries queries = runtime.bean(CallQueries.class);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_TIMEOUT_MS);
        while (true) {
            try {
                CallDetail d = queries.detail(tenant, callSid);
                if (d.call().endedAt() != null) {
                    Thread.sleep(LAST_TURN_MS);
                    return queries.detail(tenant, callSid);
                }
            } catch (io.moked.error.NotFoundException e) {
                // not written yet
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCode.FAILURE, "call " + callSid + " is not in this machine's appliance "
                        + "database, or did not end (is the appliance at the URL using this data directory / "
                        + "MOKED_DB_URL?)");
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Slot 0: the greeting; slot i: what followed the i-th caller turn, agent turns joined. */
    static List<Slot> slots(List<CallTurn> old, List<CallTurn> now) {
        List<List<String>> oldSlots = group(old);
        List<List<String>> newSlots = group(now);
        List<String> callers = callers(old);
        List<String> heard = callers(now);
        int n = Math.max(oldSlots.size(), newSlots.size());
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.add(new Slot(i, i == 0 ? null : at(callers, i - 1), i == 0 ? null : at(heard, i - 1),
                    join(oldSlots, i), join(newSlots, i)));
        }
        return slots;
    }

    private static List<List<String>> group(List<CallTurn> turns) {
        List<List<String>> slots = new ArrayList<>();
        slots.add(new ArrayList<>());
        for (CallTurn t : turns) {
            if (t.role() == TurnRole.USER) {
                slots.add(new ArrayList<>());
            } else if (t.role() == TurnRole.ASSISTANT) {
                slots.get(slots.size() - 1).add(t.text() + (t.interrupted() ? " [interrupted]" : ""));
            } else if (t.role() == TurnRole.TOOL) {
                slots.get(slots.size() - 1).add("[" + toolName(t.text()) + "]");
            }
        }
        return slots;
    }

    /** The tool a tool turn called ({"tool": name, ...} as the appliance stores it), else "tool". */
    private static String toolName(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            String name = node.path("tool").asText(node.path("name").asText(""));
            return name.isBlank() ? "tool" : "tool " + name;
        } catch (Exception e) {
            return "tool";
        }
    }

    private static List<String> callers(List<CallTurn> turns) {
        return turns.stream().filter(t -> t.role() == TurnRole.USER).map(CallTurn::text).toList();
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? list.get(i) : null;
    }

    private static String join(List<List<String>> slots, int i) {
        return i < slots.size() && !slots.get(i).isEmpty() ? String.join(" / ", slots.get(i)) : null;
    }

    /** Old and new replies side by side. */
    public static void print(Output o, Result r, Direction written) {
        o.line("");
        Table.of("#", "CALLER (recorded)", "OLD " + (r.oldPromptVersion() == null ? "(no prompt)"
                        : "v" + r.oldPromptVersion()), "NEW v" + r.newPromptVersion())
                .rows(r.slots(), s -> List.of(s.index() == 0 ? "greeting" : Integer.toString(s.index()),
                        s.index() == 0 ? "-" : text(s.caller(), written), text(s.oldReply(), written),
                        text(s.newReply(), written)))
                .wrap(1, 2, 3)
                .render(o);
        long changed = r.slots().stream().filter(s -> !java.util.Objects.equals(s.oldReply(), s.newReply())).count();
        o.line(changed + " of " + r.slots().size() + " replies differ; old call " + r.oldCallSid() + ", new call "
                + r.newCallSid() + (r.call().errors().isEmpty() ? "" : "; errors: "
                + String.join(", ", r.call().errors())));
    }

    private static Object text(String s, Direction written) {
        return s == null ? "-" : Text.of(s, written);
    }
}
