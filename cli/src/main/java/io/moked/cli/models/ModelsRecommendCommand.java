package io.moked.cli.models;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Table;
import io.moked.models.ModelException;
import io.moked.models.ModelRecommender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** {@code agentctl models recommend}: a model per stage for this (or a described) machine, with measured latency. */
@Command(name = "recommend", description = "Propose a model per stage (vad, stt, llm, g2p, tts) for a machine, with "
        + "the latency scripts/bench/engines.sh measured (never a guess).")
public final class ModelsRecommendCommand extends AgentctlCommand {
    private static final long BYTES_PER_GIB = 1L << 30;

    @Option(names = "--cores", paramLabel = "N", description = "CPU cores (default: this machine's).")
    Integer cores;

    @Option(names = "--ram", paramLabel = "GIB", description = "Memory in GiB (default: this machine's).")
    Integer ramGib;

    @Option(names = "--gpu", description = "The machine has a GPU for inference.")
    boolean gpu;

    @Override
    protected int execute() {
        int c = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        int r = ramGib != null ? ramGib : physicalRamGib();
        if (c < 1 || r < 1) {
            throw io.moked.cli.CliException.usage("--cores and --ram must be at least 1");
        }
        ModelRecommender.Recommendation rec;
        try {
            rec = new ModelRecommender(ModelsCli.store(runtime())).recommend(c, r, gpu);
        } catch (ModelException e) {
            throw ModelsCli.translate(e);
        }
        out().emit(rec, out -> {
            out.line("profile " + rec.profile() + " — " + rec.description());
            out.line("");
            Table.of("STAGE", "MODEL", "STATE", "LATENCY", "LICENSE")
                    .rows(rec.stages(), s -> List.of(s.stage(), s.model() == null ? "(cloud fallback)" : s.model(),
                            s.state(), s.latencyMs() == null ? "not measured"
                                    : String.format(Locale.ROOT, "%.0f ms (%s)", s.latencyMs(), s.latencyMetric()),
                            s.license() == null ? "-" : s.license()))
                    .render(out);
            rec.stages().stream().filter(s -> s.licenceWarning() != null)
                    .forEach(s -> out.note("warning: " + s.licenceWarning()));
            out.note("fetch it with: agentctl models pull --profile " + rec.profile());
        });
        return ExitCode.OK;
    }

    private static int physicalRamGib() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return (int) Math.max(1, Math.round(sun.getTotalMemorySize() / (double) BYTES_PER_GIB));
        }
        throw io.moked.cli.CliException.usage("cannot read this machine's memory: give --ram GIB");
    }
}
