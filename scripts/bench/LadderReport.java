import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Turns the per-rung reports of scripts/bench/calls.sh (agentctl loadtest --report JSON, the appliance's and the
 * simulator's CPU share, machine facts) into the Markdown section of docs/benchmarks.md (stdout) and a PNG chart of
 * latency percentiles against concurrency (log scale), drawn with java.awt in headless mode.
 *
 * usage: java -cp "cli/target/agentctl.jar:cli/target/lib/*" scripts/bench/LadderReport.java RESULTS_DIR OUT.png
 */
public class LadderReport {
    /**
     * @param prom0 the appliance's /prometheus before the rung, {@code prom} after: counters and histogram buckets
     *              are cumulative over the run, so a rung's share is the difference
     */
    record Rung(int concurrency, JsonNode report, Properties cpu, Map<String, Double> prom0, Map<String, Double> prom) {
        double ms(String metric, String stat) {
            return report.path("metrics_ms").path(metric).path(stat).asDouble(Double.NaN);
        }

        long count(String metric) {
            return report.path("metrics_ms").path(metric).path("count").asLong();
        }

        /** How much a Prometheus series grew during the rung (0 when absent). */
        double delta(String series) {
            return prom.getOrDefault(series, 0.0) - prom0.getOrDefault(series, 0.0);
        }

        /**
         * A quantile of an appliance timer over this rung, from its histogram buckets: the upper bound of the bucket
         * that holds it (so at most one bucket width pessimistic), in ms; NaN without samples.
         */
        double serverMs(String stage, double q) {
            String prefix = "moked_call_stage_seconds_bucket{stage=\"" + stage + "\",le=\"";
            java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
            for (String key : prom.keySet()) {
                if (key.startsWith(prefix)) {
                    String le = key.substring(prefix.length(), key.indexOf('"', prefix.length()));
                    buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), delta(key));
                }
            }
            double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
            if (total <= 0) {
                return Double.NaN;
            }
            for (var e : buckets.entrySet()) {
                if (e.getValue() >= q * total) {
                    return e.getKey() * 1000;
                }
            }
            return Double.NaN;
        }

        double turnEvents(String event) {
            return delta("moked_call_turn_events_total{event=\"" + event + "\"}");
        }
    }

    record Series(String label, String metric, String stat, Color color) {
    }

    static final List<Series> SERIES = List.of(
            new Series("turn p50", "turn", "p50", new Color(0x1f77b4)),
            new Series("turn p95", "turn", "p95", new Color(0x17becf)),
            new Series("turn p99", "turn", "p99", new Color(0x2ca02c)),
            new Series("greeting p95", "greeting", "p95", new Color(0xff7f0e)),
            new Series("barge-in -> clear p95", "clear", "p95", new Color(0xd62728)),
            new Series("cadence jitter p99", "jitter", "p99", new Color(0x9467bd)),
            new Series("webhook p95", "webhook", "p95", new Color(0x8c564b)));

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Properties machine = load(dir.resolve("machine.properties"));
        List<Rung> rungs = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("rung-\\d+\\.json")).toList()) {
                int c = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
                rungs.add(new Rung(c, json.readTree(f.toFile()), load(dir.resolve("rung-" + c + ".cpu")),
                        prometheus(dir.resolve("rung-" + c + ".prom0")), prometheus(dir.resolve("rung-" + c + ".prom"))));
            }
        }
        rungs.sort(Comparator.comparingInt(Rung::concurrency));
        chart(rungs, Path.of(args[1]));
        System.out.print(markdown(rungs, machine, Path.of(args[1]).getFileName().toString()));
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = new InputStreamReader(new FileInputStream(file.toFile()), StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    /** A Prometheus text exposition as series (name plus labels, as written) → value; empty when absent. */
    static Map<String, Double> prometheus(Path file) throws IOException {
        Map<String, Double> out = new java.util.HashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            try {
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return out;
    }

    static String markdown(List<Rung> rungs, Properties m, String png) {
        double floor = Double.parseDouble(m.getProperty("floor_ms", "0"));
        StringBuilder sb = new StringBuilder();
        sb.append("## Calls: concurrency ladder (`scripts/bench/calls.sh`)\n\n");
        sb.append("The appliance (`agentctl serve`, SQLite, real Silero VAD) with its OpenAI-compatible engines pointed at ")
                .append("the upstream simulator (`agentctl upstream-sim`: ").append(m.getProperty("sim"))
                .append("), loaded by `agentctl loadtest`: every call is a signed webhook, a signed media WebSocket and ")
                .append("real-time 20 ms μ-law frames of real Hebrew speech (greeting; a 3.4 s question; the caller ")
                .append("interrupts the 4.1 s answer after 1 s with a 3.3 s sentence). ")
                .append("1".equals(m.getProperty("pinned")) ? "Pinned: the appliance runs alone on CPU " + m.getProperty("app_cpus")
                        + " (`taskset`; its JVM sizes its pools for that core), the simulator and the load generator on CPU "
                        + m.getProperty("load_cpus") + ", so each rung measures calls per core."
                        : "Not pinned: all three processes share the machine below.")
                .append("\n\n");
        sb.append("- Machine: ").append(m.getProperty("cpu")).append(", ").append(m.getProperty("cores"))
                .append(" cores, ").append(m.getProperty("memory")).append(", ").append(m.getProperty("os")).append('\n');
        sb.append("- Java: ").append(m.getProperty("java")).append("; commit `").append(m.getProperty("commit"))
                .append("`; run ").append(m.getProperty("date")).append("; load average at the end ")
                .append(m.getProperty("load")).append(" (other work was running on this shared machine)\n");
        String threads = m.getProperty("remote_threads", "0");
        sb.append("- Engine executors: the appliance's defaults (remote engines: ")
                .append("0".equals(threads) ? "64" : threads)
                .append(" threads per kind, `moked.engines.<kind>.remote-threads`; local inference: one per core)\n");
        sb.append("- Upstream floor per turn: ").append(fmt(floor)).append(" ms = end-of-turn silence 650 + STT + TTFT + ")
                .append("one token + first 100 ms of TTS audio at the simulator's RTF. *Overhead* = turn latency − floor.\n\n");
        sb.append("| concurrent | calls ok / errors | webhook p95 | greeting p50 / p95 | turn p50 / p95 / p99 | ")
                .append("overhead p50 / p95 | barge-in → clear p50 / p95 | jitter p50 / p99 | appliance CPU | ")
                .append("simulator CPU | loadgen CPU | loadgen send lag p99 | inbound lag p99 (server) | ")
                .append("interruptions / false / resumed |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Rung r : rungs) {
            JsonNode calls = r.report().path("calls");
            sb.append("| ").append(r.concurrency())
                    .append(" | ").append(calls.path("completed").asLong()).append('/').append(calls.path("started").asLong())
                    .append(" / ").append(calls.path("errors").asLong()).append(errors(r.report()))
                    .append(" | ").append(fmt(r.ms("webhook", "p95")))
                    .append(" | ").append(fmt(r.ms("greeting", "p50"))).append(" / ").append(fmt(r.ms("greeting", "p95")))
                    .append(" | ").append(fmt(r.ms("turn", "p50"))).append(" / ").append(fmt(r.ms("turn", "p95")))
                    .append(" / ").append(fmt(r.ms("turn", "p99")))
                    .append(" | ").append(fmt(r.ms("turn", "p50") - floor)).append(" / ").append(fmt(r.ms("turn", "p95") - floor))
                    .append(" | ").append(fmt(r.ms("clear", "p50"))).append(" / ").append(fmt(r.ms("clear", "p95")))
                    .append(" | ").append(fmt1(r.ms("jitter", "p50"))).append(" / ").append(fmt1(r.ms("jitter", "p99")))
                    .append(" | ").append(r.cpu().getProperty("appliance_cpu_percent", "?")).append(" %")
                    .append(" | ").append(r.cpu().getProperty("simulator_cpu_percent", "?")).append(" %")
                    .append(" | ").append(fmt1(r.report().path("load_generator").path("cpu_percent_of_one_core").asDouble()))
                    .append(" %")
                    .append(" | ").append(fmt1(r.ms("send_lag", "p99")))
                    .append(" | ").append(fmt(r.serverMs("inbound_lag", 0.99)))
                    .append(" | ").append(fmt(r.turnEvents("interruption"))).append(" / ")
                    .append(fmt(r.turnEvents("false_interruption"))).append(" / ").append(fmt(r.turnEvents("resume")))
                    .append(" |\n");
        }
        sb.append('\n').append(targets(rungs, floor));
        sb.append("All times in ms; inbound lag (caller frame received → analysed by the VAD) is the appliance's ")
                .append("histogram over the rung, read at its bucket's upper bound. CPU shares are of one core (200 % = both cores of a 2-core machine). ")
                .append("Per-rung JSON reports: `docs/bench/rung-*.json`.\n\n");
        sb.append("![latency percentiles against concurrency](").append(png).append(")\n\n");
        sb.append("Reproduce: `scripts/bench/calls.sh` (or `LADDER=\"1 10 50\" scripts/bench/calls.sh`; `PIN=0` unpinned); it builds ")
                .append("agentctl, starts the simulator and the appliance on free ports in a temp data dir, runs the ")
                .append("ladder and rewrites this section and the chart.\n");
        return sb.toString();
    }

    /** Issue 8's targets, each marked met or not with the number measured (or "not measured" without the rung). */
    static String targets(List<Rung> rungs, double floor) {
        StringBuilder sb = new StringBuilder("### Targets (issue 8)\n\n| target | measured | met |\n|---|---|---|\n");
        Map<Integer, Rung> at = new java.util.TreeMap<>();
        rungs.forEach(r -> at.put(r.concurrency(), r));
        for (int c : new int[]{1, 10}) {
            Rung r = at.get(c);
            target(sb, "barge-in → clear p95 ≤ 150 ms at " + c + " call" + (c > 1 ? "s" : ""),
                    r == null ? Double.NaN : r.ms("clear", "p95"), 150, "ms");
            target(sb, "overhead p95 ≤ 100 ms at " + c + " call" + (c > 1 ? "s" : ""),
                    r == null ? Double.NaN : r.ms("turn", "p95") - floor, 100, "ms");
        }
        Rung h = at.get(100);
        target(sb, "turn latency p50 ≤ 1000 ms at 100 calls", h == null ? Double.NaN : h.ms("turn", "p50"), 1000, "ms");
        target(sb, "100 calls: zero errors", h == null ? Double.NaN : h.report().path("calls").path("errors").asDouble()
                + (h.report().path("calls").path("started").asLong() - h.report().path("calls").path("completed").asLong()), 0,
                "errors or unfinished calls");
        target(sb, "100 calls: overhead p95 ≤ 150 ms", h == null ? Double.NaN : h.ms("turn", "p95") - floor, 150, "ms");
        target(sb, "100 calls: barge-in → clear p95 ≤ 200 ms", h == null ? Double.NaN : h.ms("clear", "p95"), 200, "ms");
        target(sb, "100 calls: inbound lag p99 ≤ 40 ms (server)", h == null ? Double.NaN : h.serverMs("inbound_lag", 0.99),
                40, "ms");
        target(sb, "100 calls: greeting first audio p95 ≤ 150 ms", h == null ? Double.NaN : h.ms("greeting", "p95"), 150, "ms");
        double webhook = Double.NaN, jitter = Double.NaN;
        for (Rung r : rungs) {
            webhook = worst(webhook, r.ms("webhook", "p99"));
            jitter = worst(jitter, r.ms("jitter", "p99"));
        }
        target(sb, "webhook p99 ≤ 50 ms at every rung (worst rung)", webhook, 50, "ms");
        target(sb, "outbound cadence jitter p99 ≤ 10 ms without the pacer's lead, at every rung (worst rung)", jitter, 10, "ms");
        // the appliance's own count (issue 14), read by loadtest from its /prometheus before and after the rung
        JsonNode frames = h == null ? null : h.report().path("appliance_frames");
        if (frames != null && frames.path("available").asBoolean()) {
            target(sb, "100 calls: zero lost frames (the appliance's count: lost + duplicate + dropped)",
                    frames.path("lost").asDouble() + frames.path("duplicate").asDouble()
                            + frames.path("dropped_ahead_of_real_time").asDouble(), 0,
                    "of " + frames.path("received").asLong() + " caller frames");
        } else {
            sb.append("| 100 calls: zero lost frames | not measured: ")
                    .append(h == null ? "no 100-call rung in this ladder"
                            : "the appliance's counters were not readable (" + frames.path("reason").asText("") + ")")
                    .append(" | - |\n");
        }
        double discarded = 0, speculative = 0;
        for (Rung r : rungs) {
            discarded += r.turnEvents("speculation_discarded");
            speculative += r.turnEvents("speculation_discarded") + r.turnEvents("speculation_used");
        }
        sb.append("| share of discarded speculative turns (reported) | ")
                .append(speculative > 0 ? fmt1(100 * discarded / speculative) + " % of " + fmt(speculative)
                        : "no speculative turns in this run")
                .append(" | - |\n");
        double llmDiscarded = 0, llmSpeculative = 0;
        for (Rung r : rungs) {
            llmDiscarded += r.turnEvents("llm_speculation_discarded");
            llmSpeculative += r.turnEvents("llm_speculation_discarded") + r.turnEvents("llm_speculation_used");
        }
        sb.append("| share of discarded speculative model answers (reported) | ")
                .append(llmSpeculative > 0 ? fmt1(100 * llmDiscarded / llmSpeculative) + " % of "
                        + fmt(llmSpeculative) : "no speculative model answers in this run")
                .append(" | - |\n");
        return sb.append('\n').toString();
    }

    static void target(StringBuilder sb, String what, double value, double limit, String unit) {
        sb.append("| ").append(what).append(" | ")
                .append(Double.isNaN(value) ? "not measured (rung not in this ladder)" : fmt(value) + " " + unit)
                .append(" | ").append(Double.isNaN(value) ? "-" : value <= limit ? "**met**" : "not met").append(" |\n");
    }

    static double worst(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    static String errors(JsonNode report) {
        JsonNode kinds = report.path("errors_by_kind");
        if (kinds.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        kinds.properties().forEach(e -> sb.append(sb.length() > 2 ? ", " : "").append(e.getKey()).append(' ')
                .append(e.getValue().asLong()));
        return sb.append(')').toString();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String fmt1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Log-scale line chart: one line per series, one x position per rung. */
    static void chart(List<Rung> rungs, Path out) throws IOException {
        int w = 960, h = 560, left = 80, right = 230, top = 50, bottom = 70;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double highest = 1;
        for (Rung r : rungs) {
            for (Series s : SERIES) {
                double v = r.ms(s.metric(), s.stat());
                highest = Double.isNaN(v) ? highest : Math.max(highest, v);
            }
        }
        double minLog = -1, maxLog = Math.max(4, Math.ceil(Math.log10(highest)));  // 0.1 ms .. at least 10 s
        int plotW = w - left - right, plotH = h - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int e = (int) minLog; e <= maxLog; e++) {
            int y = top + (int) Math.round(plotH * (maxLog - e) / (maxLog - minLog));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = e < 0 ? "0.1" : e >= 3 ? (long) Math.pow(10, e - 3) + " s" : String.valueOf((long) Math.pow(10, e));
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        int n = rungs.size();
        for (int i = 0; i < n; i++) {
            int x = xOf(i, n, left, plotW);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, top, x, top + plotH);
            g.setColor(Color.DARK_GRAY);
            String label = String.valueOf(rungs.get(i).concurrency());
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Moked call latency vs concurrent calls (upstream simulator, log scale)", left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("concurrent simulated calls", left + plotW / 2 - 80, h - 25);
        g.rotate(-Math.PI / 2);
        g.drawString("milliseconds", -(top + plotH / 2 + 40), 25);
        g.rotate(Math.PI / 2);
        g.setStroke(new BasicStroke(2.2f));
        int legendY = top + 10;
        for (Series s : SERIES) {
            g.setColor(s.color());
            int px = -1, py = -1;
            for (int i = 0; i < n; i++) {
                double v = rungs.get(i).ms(s.metric(), s.stat());
                if (Double.isNaN(v) || rungs.get(i).count(s.metric()) == 0) {
                    px = -1;
                    continue;
                }
                double lv = Math.max(minLog, Math.min(maxLog, Math.log10(Math.max(v, 0.1))));
                int x = xOf(i, n, left, plotW), y = top + (int) Math.round(plotH * (maxLog - lv) / (maxLog - minLog));
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawLine(left + plotW + 15, legendY, left + plotW + 40, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), left + plotW + 48, legendY + 5);
            legendY += 22;
        }
        g.dispose();
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(img, "png", out.toFile());
    }

    static int xOf(int i, int n, int left, int plotW) {
        return n == 1 ? left + plotW / 2 : left + 30 + (int) Math.round((plotW - 60) * i / (double) (n - 1));
    }
}
