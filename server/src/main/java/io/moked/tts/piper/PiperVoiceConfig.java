package io.moked.tts.piper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A Piper voice's JSON config: its phoneme symbol set ({@code phoneme_id_map}), sample rate and phoneme type.
 * Hebrew voices are driven with our own phoneme ids ({@link #phonemeIds}) from this map, never through espeak.
 */
public final class PiperVoiceConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;
    private final Set<Integer> symbols = new HashSet<>();

    private PiperVoiceConfig(ObjectNode root) {
        this.root = root;
        root.path("phoneme_id_map").fieldNames().forEachRemaining(s -> symbols.add(s.codePointAt(0)));
    }

    public static PiperVoiceConfig read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        if (node == null || !node.isObject() || !node.path("phoneme_id_map").isObject()) {
            throw new IOException(file + " is not a Piper voice config (no phoneme_id_map)");
        }
        return new PiperVoiceConfig((ObjectNode) node);
    }

    public int sampleRateHz() {
        return root.path("audio").path("sample_rate").asInt(22_050);
    }

    public String phonemeType() {
        return root.path("phoneme_type").asText("espeak");
    }

    /** {@code [noise_scale, length_scale, noise_w]} from the config's {@code inference} block (Piper's defaults). */
    public float[] scales() {
        JsonNode inference = root.path("inference");
        return new float[] {(float) inference.path("noise_scale").asDouble(0.667),
            (float) inference.path("length_scale").asDouble(1.0), (float) inference.path("noise_w").asDouble(0.8)};
    }

    public int numSpeakers() {
        return root.path("num_speakers").asInt(1);
    }

    /**
     * Piper's phoneme ids for {@code ipa}, from this voice's own {@code phoneme_id_map}: BOS ({@code ^}), pad
     * ({@code _}), then per NFD code point its ids followed by pad, then EOS ({@code $}). Symbols the voice has no id
     * for are dropped (callers refuse them first with {@link #unknownSymbols}).
     */
    public long[] phonemeIds(String ipa) {
        JsonNode map = root.path("phoneme_id_map");
        java.util.List<Long> ids = new java.util.ArrayList<>();
        addIds(ids, map.path("^"));
        addIds(ids, map.path("_"));
        Normalizer.normalize(ipa, Normalizer.Form.NFD).codePoints().forEach(cp -> {
            JsonNode symbol = map.path(Character.toString(cp));
            if (symbol.isArray() && !symbol.isEmpty()) {
                addIds(ids, symbol);
                addIds(ids, map.path("_"));
            }
        });
        addIds(ids, map.path("$"));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static void addIds(java.util.List<Long> ids, JsonNode symbol) {
        symbol.forEach(id -> ids.add(id.asLong()));
    }

    /** Symbols of {@code ipa} the voice has no id for, in the form piper will look them up (case-folded, NFD). */
    public Set<String> unknownSymbols(String ipa) {
        String folded = Normalizer.normalize(ipa.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        Set<String> unknown = new LinkedHashSet<>();
        folded.codePoints().filter(cp -> !symbols.contains(cp)).forEach(cp -> unknown.add(Character.toString(cp)));
        return unknown;
    }

}
