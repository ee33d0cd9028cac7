package io.moked.cli.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link LoadReport} as a terminal table and as the JSON report ({@code --report FILE.json}). */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int LABEL_WIDTH = 58;

    private ReportWriter() {
    }

    /** What was run, echoed into the JSON so a report file stands on its own. */
    public record RunInfo(String url, String to, int calls, int concurrency, double rampSeconds, String scenario,
                          Instant startedAt) {
    }

    public static String table(LoadReport report, LoadgenUsage usage, List<Slo.Result> slo) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s %7s %9s %9s %9s %9s%n", "metric (ms)", "count",
                "p50", "p95", "p99", "max"));
        for (Metric m : Metric.values()) {
            LatencyStats.Summary s = report.stats(m).summary();
            sb.append(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s %7d %9.1f %9.1f %9.1f %9.1f%n", m.label(),
                    s.count(), s.p50(), s.p95(), s.p99(), s.max()));
        }
        sb.append(String.format(Locale.ROOT, "calls: %d started, %d completed; errors: %d%s%n", report.started(),
                report.completed(), report.errorCount(), report.errors().isEmpty() ? "" : " " + report.errors()));
        sb.append(String.format(Locale.ROOT, "frames: %d caller frames sent, %d agent media messages received%n",
                report.callerFrames(), report.agentFrames()));
        ApplianceFrames counted = report.applianceFrames();
        sb.append(counted == null ? "appliance frame counts: unavailable (" + report.applianceFramesUnavailable()
                + ")" + System.lineSeparator() : String.format(Locale.ROOT,
                "appliance counted caller frames: %d received, %d lost, %d duplicate, %d dropped (ahead of real time)%n",
                counted.received(), counted.lost(), counted.duplicate(), counted.dropped()));
        sb.append(String.format(Locale.ROOT,
                "load generator CPU: %.1f%% of one core (%.1f%% of %d cores) over %.1f s; its GC %.2f s%n",
                usage.percentOfOneCore(), usage.percentOfMachine(), usage.cores(), usage.wallSeconds(),
                usage.gcSeconds()));
        for (Slo.Result r : slo) {
            sb.append(String.format(Locale.ROOT, "SLO %-20s limit %9.1f actual %9.1f  %s%n", r.key(), r.limit(),
                    r.actual(), r.met() ? "met" : "BROKEN"));
        }
        return sb.toString();
    }

    public static ObjectNode json(RunInfo info, LoadReport report, LoadgenUsage usage, List<Slo.Result> slo) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "agentctl loadtest");
        ObjectNode run = root.putObject("run");
        run.put("url", info.url()).put("to", info.to()).put("calls", info.calls())
                .put("concurrency", info.concurrency()).put("ramp_s", info.rampSeconds())
                .put("scenario", info.scenario()).put("started_at", info.startedAt().toString())
                .put("duration_s", round(usage.wallSeconds()));
        ObjectNode calls = root.putObject("calls");
        calls.put("started", report.started()).put("completed", report.completed())
                .put("errors", report.errorCount());
        ObjectNode errors = root.putObject("errors_by_kind");
        for (Map.Entry<String, Long> e : report.errors().entrySet()) {
            errors.put(e.getKey(), e.getValue());
        }
        root.putObject("frames").put("caller_sent", report.callerFrames())
                .put("agent_received", report.agentFrames());
        ObjectNode appliance = root.putObject("appliance_frames");
        ApplianceFrames counted = report.applianceFrames();
        if (counted == null) {
            appliance.put("available", false).put("reason", report.applianceFramesUnavailable());
        } else {
            appliance.put("available", true).put("received", counted.received()).put("lost", counted.lost())
                    .put("duplicate", counted.duplicate()).put("dropped_ahead_of_real_time", counted.dropped());
        }
        ObjectNode metrics = root.putObject("metrics_ms");
        for (Metric m : Metric.values()) {
            LatencyStats.Summary s = report.stats(m).summary();
            metrics.putObject(m.key()).put("label", m.label()).put("count", s.count()).put("p50", round(s.p50()))
                    .put("p95", round(s.p95())).put("p99", round(s.p99())).put("max", round(s.max()))
                    .put("mean", round(s.mean()));
        }
        root.putObject("load_generator").put("cpu_seconds", round(usage.cpuSeconds()))
                .put("cpu_percent_of_one_core", round(usage.percentOfOneCore()))
                .put("cpu_percent_of_machine", round(usage.percentOfMachine())).put("cores", usage.cores())
                .put("gc_seconds", round(usage.gcSeconds()));
        ArrayNode slos = root.putArray("slo");
        for (Slo.Result r : slo) {
            slos.addObject().put("key", r.key()).put("limit", r.limit()).put("actual", round(r.actual()))
                    .put("met", r.met());
        }
        root.put("slo_met", slo.stream().allMatch(Slo.Result::met));
        return root;
    }

    public static void write(Path file, ObjectNode json) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(json) + System.lineSeparator());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
