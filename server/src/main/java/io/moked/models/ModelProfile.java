package io.moked.models;

import java.util.Map;

/**
 * A model per stage for a class of machine, from the manifest's {@code profiles:}.
 *
 * @param models stage ({@code vad stt llm g2p tts}) → manifest entry; a stage left out runs on the OpenAI-compatible
 *               fallback
 */
public record ModelProfile(String name, String description, int minCores, int minRamGib, boolean gpu,
                           Map<String, String> models) {
    public static final java.util.List<String> STAGES = java.util.List.of("vad", "stt", "llm", "g2p", "tts");

    public ModelProfile {
        models = Map.copyOf(models);
    }

    public boolean fits(int cores, int ramGib, boolean hasGpu) {
        return cores >= minCores && ramGib >= minRamGib && (!gpu || hasGpu);
    }
}
