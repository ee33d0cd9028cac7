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
 * <p>
 * piper-jni has no API to pass phonemes: it reads {@code phoneme_type} from the config file and, for
 * {@code "text"}, uses the input's Unicode codepoints (case-folded, NFD) directly as phonemes looked up in
 * {@code phoneme_id_map}. {@link #writeTextPhonemeCopy(Path)} writes a copy of an espeak-type voice's config with
 * {@code "phoneme_type": "text"} so the voice can be driven with IPA from our own G2P and espeak never sees Hebrew.
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

    /** Symbols of {@code ipa} the voice has no id for, in the form piper will look them up (case-folded, NFD). */
    public Set<String> unknownSymbols(String ipa) {
        String folded = Normalizer.normalize(ipa.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        Set<String> unknown = new LinkedHashSet<>();
        folded.codePoints().filter(cp -> !symbols.contains(cp)).forEach(cp -> unknown.add(Character.toString(cp)));
        return unknown;
    }

    /** Writes this config with {@code "phoneme_type": "text"} into {@code dir}; returns the new file. */
    public Path writeTextPhonemeCopy(Path dir, String baseName) throws IOException {
        ObjectNode copy = root.deepCopy();
        copy.put("phoneme_type", "text");
        Files.createDirectories(dir);
        Path out = dir.resolve(baseName + ".text-phonemes.json");
        JSON.writeValue(out.toFile(), copy);
        return out;
    }
}
