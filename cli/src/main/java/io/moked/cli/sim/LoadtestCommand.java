package io.moked.cli.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.audio.OutboundPacer;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Progress;
import io.moked.cli.sim.call.CallEnvironment;
import io.moked.cli.sim.call.CallerVoice;
import io.moked.cli.sim.call.LoadRunner;
import io.moked.cli.sim.call.Scenario;
import io.moked.cli.sim.call.ScenarioLoader;
import io.moked.cli.sim.report.ApplianceFrames;
import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.report.LoadgenUsage;
import io.moked.cli.sim.report.ReportWriter;
import io.moked.cli.sim.report.Slo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code agentctl loadtest}: many simulated Twilio calls from a scenario file, then a latency table and a JSON
 * report. Exit code 1 when an {@code --slo} objective is broken.
 */
@Command(name = "loadtest",
        description = {"Place many simulated Twilio calls against an appliance and report latencies.",
                "Scenario YAML: turns of 'audio: FILE.wav' or 'say: TEXT', with pause_ms and barge_in_after_ms."})
public final class LoadtestCommand extends AgentctlCommand {
    @Mixin
    SimTargetOptions target;

    @Option(names = "--calls", paramLabel = "N", required = true, description = "Number of calls to place.")
    int calls;

    @Option(names = "--concurrency", paramLabel = "C", required = true, description = "Calls in progress at once.")
    int concurrency;

    @Option(names = "--ramp", paramLabel = "SECONDS", defaultValue = "0",
            description = "Spread the start of the first C calls over this many seconds. Default: ${DEFAULT-VALUE}.")
    double rampSeconds;

    @Option(names = "--script", paramLabel = "FILE", required = true, description = "Scenario YAML.")
    Path script;

    @Option(names = "--slo", paramLabel = "SPEC",
            description = "Objectives, e.g. turn_p95_ms=800,clear_p95_ms=150,errors=0 "
                    + "(<webhook|greeting|turn|clear|jitter|send_lag>_<p50|p95|p99|max|mean>_ms, errors).")
    String slo;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Also write the report as JSON.")
    Path reportFile;

    /** Where an appliance on this machine serves /prometheus by default (moked.management.host/port). */
    static final String DEFAULT_METRICS_URL = "http://127.0.0.1:8081/prometheus";

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "The appliance's Prometheus endpoint, read before and after the run for the caller frames "
                    + "it counted as lost, duplicate or dropped. Default: " + DEFAULT_METRICS_URL + " (the appliance's "
                    + "management listener on this machine; docs/security.md \"Endpoints and ports\").")
    String metricsUrl;

    @Option(names = "--pacer-lead-ms", paramLabel = "MS", defaultValue = "" + OutboundPacer.DEFAULT_LEAD_MS,
            description = "The appliance's moked.call.lead-ms: agent audio it sends ahead of real time at a reply's "
                    + "start is left out of the cadence jitter. Default: ${DEFAULT-VALUE}.")
    int pacerLeadMs;

    @Override
    protected int execute() throws Exception {
        List<Slo> objectives;
        LoadRunner.Plan plan;
        try {
            objectives = Slo.parse(slo);
            plan = new LoadRunner.Plan(calls, concurrency, rampSeconds, target.from(), target.to());
            if (pacerLeadMs < 0) {
                throw new IllegalArgumentException("--pacer-lead-ms must be >= 0, got " + pacerLeadMs);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Scenario scenario = loadScenario();
        TwilioAccount account = target.account(SimServices.accounts(runtime()));
        LoadReport report = new LoadReport(pacerLeadMs);
        LoadgenUsage usage;
        Instant startedAt = Instant.now();
        try (SimClients clients = new SimClients();
             Progress progress = out().progress("loadtest calls", calls, Progress.Unit.COUNT)) {
            CallEnvironment env = target.environment(clients, runtime(), account);
            URI metrics = metricsUri();
            HttpClient http = HttpClient.newHttpClient();
            ApplianceFrames before = applianceFrames(http, metrics, report);
            LoadgenUsage.Meter meter = LoadgenUsage.start();
            new LoadRunner(env, scenario, plan, report).run(result -> progress.advance(1));
            usage = meter.stop();
            ApplianceFrames after = before == null ? null
                    : applianceFrames(http, metrics, report);
            if (after != null) {
                report.applianceFrames(after.since(before));
            }
        }
        List<Slo.Result> results = objectives.stream().map(o -> o.evaluate(report)).toList();
        ReportWriter.RunInfo info = new ReportWriter.RunInfo(target.url, target.to(), calls, concurrency,
                rampSeconds, script.toString(), startedAt);
        ObjectNode json = ReportWriter.json(info, report, usage, results);
        if (reportFile != null) {
            try {
                ReportWriter.write(reportFile, json);
            } catch (IOException e) {
                throw CliException.failure("cannot write --report " + reportFile, e);
            }
        }
        out().emit(json, o -> ReportWriter.table(report, usage, results).lines().forEach(o::rawLine));
        boolean met = results.stream().allMatch(Slo.Result::met);
        if (!met) {
            out().note("SLO broken: " + results.stream().filter(r -> !r.met()).map(Slo.Result::key).toList());
        }
        return met ? ExitCode.OK : ExitCode.FAILURE;
    }

    private URI metricsUri() {
        String url = metricsUrl != null && !metricsUrl.isBlank() ? metricsUrl : DEFAULT_METRICS_URL;
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--metrics-url is not a URL: " + url);
        }
    }

    /** The appliance's own frame counters now, or null (the reason goes into the report; no number is made up). */
    private static ApplianceFrames applianceFrames(HttpClient http,
                                                                           URI metrics, LoadReport report) {
        try {
            return ApplianceFrames.scrape(http, metrics);
        } catch (IOException | RuntimeException e) {
            report.applianceFramesUnavailable("cannot read " + metrics + ": " + e.getMessage());
            return null;
        }
    }

    private Scenario loadScenario() throws IOException {
        // the TTS engine is only looked up (which starts the appliance's services) when a turn says something
        CallerVoice lazy = text -> {
            CallerVoiceFactory.Voice voice = SimServices.voice(runtime());
            if (voice.voice() == null) {
                throw new CallerVoice.SpeechUnavailableException("'say' needs a text-to-speech engine: "
                        + voice.why());
            }
            return voice.voice().say(text);
        };
        try {
            return ScenarioLoader.load(script, lazy);
        } catch (CallerVoice.SpeechUnavailableException e) {
            throw new CliException(ExitCode.FAILURE, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
