package io.moked.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes a profile for a machine (cores, RAM, GPU): the most demanding manifest profile the machine meets, with a
 * model per stage and the expected latency per stage. Latencies are only ever numbers that
 * {@code scripts/bench/engines.sh} measured (it writes {@code bench-results.json} into the models directory), and
 * only for the very file that was measured: a record is matched to a model by SHA-256, and shown with the file, its
 * hash and the machine it ran on. The bench never records toy or test models; a stage without a measurement says so.
 */
public final class ModelRecommender {
    /** File in the models directory where the engine bench records its measurements. */
    public static final String BENCH_RESULTS = "bench-results.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHA_SHOWN = 12;

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
            Optional<Map.Entry<String, JsonNode>> measured = measurementOf(bench, status.expectedSha256());
            if (measured.isPresent()) {
                JsonNode m = measured.get().getValue();
                stages.add(new Stage(stage, name, entry.file(), entry.license(), entry.licenceWarning().orElse(null),
                        status.state().id(), m.path("latency_ms").asDouble(), m.path("metric").asText(null),
                        "measured by scripts/bench/engines.sh with " + measured.get().getKey() + " (sha256 "
                                + m.path("sha256").asText().substring(0, SHA_SHOWN) + "…) on "
                                + m.path("machine").asText("an unnamed machine") + " at " + m.path("at").asText("?")));
                continue;
            }
            stages.add(new Stage(stage, name, entry.file(), entry.license(), entry.licenceWarning().orElse(null),
                    status.state().id(), null, null, notMeasured(bench.path(entry.file()), status.expectedSha256())));
        }
        return new Recommendation(profile.name(), profile.description(), cores, ramGib, gpu, stages);
    }

    /**
     * The bench record of exactly this model: the one carrying its SHA-256 (the manifest's, or the one locked at
     * install). A record of another file — a toy model, a different quantisation under the same name — never is.
     */
    private static Optional<Map.Entry<String, JsonNode>> measurementOf(JsonNode bench, String sha256) {
        if (sha256 == null) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = bench.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> record = it.next();
            if (sha256.equalsIgnoreCase(record.getValue().path("sha256").asText(""))
                    && record.getValue().path("latency_ms").isNumber()) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    private static String notMeasured(JsonNode sameName, String sha256) {
        if (sameName.isMissingNode()) {
            return "not measured: install it and run scripts/bench/engines.sh";
        }
        if (sha256 == null) {
            return "not used: a figure exists for a file of this name, but this model's sha256 is not known to "
                    + "match it (run `agentctl models verify`, then scripts/bench/engines.sh)";
        }
        return "not used: the figure recorded under this file name was measured on another file (sha256 "
                + sameName.path("sha256").asText("not recorded") + "); run scripts/bench/engines.sh";
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
