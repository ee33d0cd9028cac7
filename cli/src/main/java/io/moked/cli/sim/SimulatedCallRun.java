package io.moked.cli.sim;

import io.moked.cli.CliException;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Direction;
import io.moked.cli.output.Output;
import io.moked.cli.output.Table;
import io.moked.cli.output.Text;
import io.moked.cli.sim.call.AudioTap;
import io.moked.cli.sim.call.CallResult;
import io.moked.cli.sim.call.Scenario;
import io.moked.cli.sim.call.ScenarioLoader;
import io.moked.cli.sim.call.SimulatedCall;
import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.twilio.CallIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What {@code agentctl call simulate} does: builds the caller's lines, places one {@link SimulatedCall}, prints it
 * live, polls the appliance's stored turns for the transcript (off the pacing threads: those reads block), and
 * prints the summary. The transcript is read from the appliance's database through its own services, which is
 * why the command runs with the appliance's data directory and configuration.
 */
public final class SimulatedCallRun {
    private static final long TRANSCRIPT_POLL_MS = 500;
    /** After the call ends, the appliance may still be writing its last turn. */
    private static final long TRANSCRIPT_SETTLE_MS = 1500;

    /** A caller line: a WAV file or a text to speak. */
    public record Line(Path audio, String say) {
    }

    private final CliRuntime runtime;
    private final Output out;
    private final SimTargetOptions target;

    public SimulatedCallRun(CliRuntime runtime, Output out, SimTargetOptions target) {
        this.runtime = runtime;
        this.out = out;
        this.target = target;
    }

    /** @return true when the call completed without errors */
    public boolean run(List<Line> lines, long pauseMs, Path saveAudio) throws Exception {
        Scenario scenario = scenario(lines, pauseMs);
        TwilioAccount account = target.account(SimServices.accounts(runtime));
        TranscriptSource transcript = SimServices.transcripts(runtime, target.to());
        CallIdentity id = CallIdentity.fresh(account.accountSid(), target.from(), target.to());
        Direction written = transcript.unavailableReason() == null
                ? SimServices.writtenDirection(runtime, target.to()) : Direction.LTR;
        CallPrinter printer = new CallPrinter(out, written);
        out.note("Simulated call " + id.callSid() + " from " + target.from() + " to " + target.to() + " via "
                + target.url);
        LoadReport report = new LoadReport();
        CallResult result;
        List<TranscriptSource.Line> shown = new ArrayList<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "transcript-poll");
            t.setDaemon(true);
            return t;
        });
        try (SimClients clients = new SimClients(); AutoCloseable tap = openTap(saveAudio)) {
            if (transcript.unavailableReason() == null) {
                poller.scheduleWithFixedDelay(() -> showNew(transcript, id.callSid(), shown, printer),
                        TRANSCRIPT_POLL_MS, TRANSCRIPT_POLL_MS, TimeUnit.MILLISECONDS);
            }
            CompletableFuture<CallResult> call = new SimulatedCall(target.environment(clients, runtime, account),
                    scenario, id, printer, report, (AudioTap) tap).start();
            result = call.get(scenario.maxDurationMs() + 30_000, TimeUnit.MILLISECONDS);
        } finally {
            poller.shutdown();
            poller.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (transcript.unavailableReason() == null) {
            Thread.sleep(TRANSCRIPT_SETTLE_MS);
            showNew(transcript, id.callSid(), shown, printer);
            if (shown.isEmpty()) {
                out.note("no turns of " + id.callSid() + " in this machine's appliance database (is " + target.url
                        + " an appliance using the same data directory / MOKED_DB_URL?)");
            }
        } else {
            out.note("transcript not shown: " + transcript.unavailableReason());
        }
        if (saveAudio != null) {
            out.note("saved what the caller heard to " + saveAudio + " (left: caller, right: heard)");
        }
        emit(result, shown, written);
        return result.completed() && result.errors().isEmpty();
    }

    private Scenario scenario(List<Line> lines, long pauseMs) throws Exception {
        List<ScenarioLoader.TurnSpec> specs = new ArrayList<>();
        boolean needsVoice = false;
        for (Line line : lines) {
            specs.add(new ScenarioLoader.TurnSpec(line.audio(), line.say(), pauseMs, null));
            needsVoice |= line.say() != null;
        }
        CallerVoiceFactory.Voice voice = needsVoice ? SimServices.voice(runtime) : CallerVoiceFactory.Voice
                .unavailable("not needed");
        if (needsVoice && voice.voice() == null) {
            throw new CliException(ExitCode.FAILURE, "--say needs a text-to-speech engine and none is available: "
                    + voice.why());
        }
        try {
            return ScenarioLoader.resolve(specs, Scenario.Timing.defaults(), voice.voice());
        } catch (io.moked.cli.sim.call.CallerVoice.SpeechUnavailableException e) {
            throw new CliException(ExitCode.FAILURE, e.getMessage().replace("turns[", "line ["));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replace("turns[", "line ["));
        }
    }

    private AutoCloseable openTap(Path saveAudio) throws Exception {
        if (saveAudio == null) {
            return new NoTap();
        }
        return new SavedCallAudio(saveAudio);
    }

    private void showNew(TranscriptSource source, String callSid, List<TranscriptSource.Line> shown,
                         CallPrinter printer) {
        List<TranscriptSource.Line> now;
        try {
            now = source.turns(callSid);
        } catch (Exception e) {
            return;  // the call row may not exist yet; the next poll tries again
        }
        synchronized (shown) {
            for (int i = shown.size(); i < now.size(); i++) {
                shown.add(now.get(i));
                printer.transcript(now.get(i));
            }
        }
    }

    private void emit(CallResult result, List<TranscriptSource.Line> transcript, Direction written) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("call", result);
        json.put("transcript", transcript);
        out.emit(json, o -> {
            o.line("");
            Table.of("TURN", "CALLER LINE", "SPEECH s", "REPLY AFTER ms", "BARGE-IN → CLEAR ms")
                    .rows(result.turns(), t -> List.of(Integer.toString(t.index() + 1), Text.of(t.label(), written),
                            String.format(Locale.ROOT, "%.1f", t.speechMs() / 1000.0), ms(t.latencyMs()),
                            t.bargeIn() ? ms(t.clearMs()) : "-"))
                    .wrap(1)
                    .render(o);
            o.line(String.format(Locale.ROOT, "webhook %s ms, greeting first audio %s ms; %s", ms(result.webhookMs()),
                    ms(result.greetingMs()), result.errors().isEmpty() ? "no errors"
                            : "errors: " + String.join(", ", result.errors())));
        });
    }

    private static String ms(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** No audio saved: a tap that drops the frames. */
    private static final class NoTap implements AudioTap, AutoCloseable {
        @Override
        public void frame(long frame, byte[] said, byte[] heard) {
        }

        @Override
        public void close() {
        }
    }
}
