package io.moked.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Proposes a profile for a machine (cores, RAM, GPU): the most demanding manifest profile the machine meets, with a
 * model per stage and the expected latency per stage. Latencies are only ever numbers that
 * {@code scripts/bench/engines.sh} measured on this machine (it writes {@code bench-results.json} into the models
 * directory); a stage without a measurement says so.
 */
public final class ModelRecommender {
    /** File in the models directory where the engine bench records its measurements. */
    public static final String BENCH_RESULTS = "bench-results.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stage of the recommendation; {@code model} null = the OpenAI-compatible fallback serves it. */
    public record Stage(String stage, String model, String file, String license, String licenceWarning,
                        String state, Double latencyMs, String latencyMetric, String latencySource) {
    }

    public record Recommendation(String profile, String description, int cores, int ramGib, boolean gpu,
                                 List<Stage> stages) {
    }

    private final ModelStore store;

    public ModelRecommender(ModelStore store) {
        this.store = store;
    }

    public Recommendation recommend(int cores, int ramGib, boolean gpu) {
        List<ModelProfile> fitting = new ArrayList<>(store.catalog().profiles().stream()
                .filter(p -> p.fits(cores, ramGib, gpu)).toList());
        if (fitting.isEmpty()) {
            throw new ModelException("no profile in " + store.catalog().source() + " fits " + cores + " cores, "
                    + ramGib + " GiB" + (gpu ? ", GPU" : ""));
        }
        fitting.sort(Comparator.comparingInt((ModelProfile p) -> p.models().size())
                .thenComparingInt(ModelProfile::minCores).thenComparingInt(ModelProfile::minRamGib)
                .thenComparing(ModelProfile::gpu));
        return describe(fitting.get(fitting.size() - 1), cores, ramGib, gpu);
    }

    public Recommendation describe(ModelProfile profile, int cores, int ramGib, boolean gpu) {
        JsonNode bench = readBench();
        List<Stage> stages = new ArrayList<>();
        for (String stage : ModelProfile.STAGES) {
            String name = profile.models().get(stage);
            if (name == null) {
                stages.add(new Stage(stage, null, null, null, null, "cloud", null, null,
                        "served by the OpenAI-compatible fallback (moked.openai.*)"));
                continue;
            }
            ModelEntry entry = store.catalog().require(name);
            ModelStatus status = store.status(name);
            JsonNode measured = bench.path(entry.file());
            Double latency = measured.path("latency_ms").isNumber() ? measured.path("latency_ms").asDouble() : null;
            stages.add(new Stage(stage, name, entry.file(), entry.license(), entry.licenceWarning().orElse(null),
                    status.state().id(), latency, latency == null ? null : measured.path("metric").asText(null),
                    latency == null ? "not measured: install it and run scripts/bench/engines.sh"
                            : "measured by scripts/bench/engines.sh on " + measured.path("machine").asText("this machine")
                            + " at " + measured.path("at").asText("?")));
        }
        return new Recommendation(profile.name(), profile.description(), cores, ramGib, gpu, stages);
    }

    private JsonNode readBench() {
        Path file = store.modelsDir().resolve(BENCH_RESULTS);
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            return Optional.ofNullable(JSON.readTree(file.toFile())).orElse(JSON.createObjectNode());
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
