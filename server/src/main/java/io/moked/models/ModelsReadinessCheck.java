package io.moked.models;

import io.moked.health.ReadinessCheck;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports the models directory in {@code /ready} and {@code agentctl doctor}: not ready when an installed file is
 * corrupted (its size or last known hash is wrong). Missing models are reported by the engines that need them.
 * Cheap: uses the cached hashes of {@link ModelStore#list()}.
 */
@Singleton
public class ModelsReadinessCheck implements ReadinessCheck {
    private final ModelStore store;

    public ModelsReadinessCheck(ModelStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "models";
    }

    /** A corrupted model file costs the engines that use it, not the calls: they degrade to voicemail. */
    @Override
    public boolean degradable() {
        return true;
    }

    @Override
    public Result check() {
        Map<InstallState, List<String>> byState = new EnumMap<>(InstallState.class);
        for (ModelStatus status : store.list()) {
            byState.computeIfAbsent(status.state(), s -> new ArrayList<>()).add(status.entry().name());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("modelsDir", store.modelsDir().toString());
        byState.forEach((state, names) -> info.put(state.id(), names));
        List<String> corrupted = byState.getOrDefault(InstallState.CORRUPTED, List.of());
        String counts = count(byState, InstallState.INSTALLED) + " installed, "
                + count(byState, InstallState.UNVERIFIED) + " unverified, "
                + count(byState, InstallState.MISSING) + " missing in " + store.modelsDir();
        if (!corrupted.isEmpty()) {
            return new Result(false, "corrupted model files: " + String.join(", ", corrupted)
                    + " (run `agentctl models pull NAME` to replace them); " + counts, info);
        }
        return new Result(true, counts, info);
    }

    private static int count(Map<InstallState, List<String>> byState, InstallState state) {
        return byState.getOrDefault(state, List.of()).size();
    }
}
