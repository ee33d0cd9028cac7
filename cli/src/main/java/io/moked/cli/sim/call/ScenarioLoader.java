package io.moked.cli.sim.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.moked.audio.AudioFormat;
import io.moked.audio.MuLaw;
import io.moked.audio.Pcm16;
import io.moked.audio.WavReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a scenario file (YAML):
 * <pre>
 * turns:
 *   - audio: caller1.wav        # any WAV (rate, channels, PCM/float/μ-law); relative to this file
 *     pause_ms: 800
 *   - say: "שלום, אני מחפש דירה"  # spoken with the configured TTS engine
 *     barge_in_after_ms: 400
 * agent_idle_ms: 800             # optional timings, see Scenario.Timing
 * reply_timeout_ms: 15000
 * </pre>
 * Every problem is reported with the file and the offending key, e.g. {@code turns[2].audio: file not found}.
 */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP_KEYS = Set.of("turns", "agent_idle_ms", "reply_timeout_ms",
            "greeting_timeout_ms", "clear_timeout_ms");
    private static final Set<String> TURN_KEYS = Set.of("audio", "say", "pause_ms", "barge_in_after_ms");

    private ScenarioLoader() {
    }

    /** A turn as written, before its audio is read or synthesised. */
    public record TurnSpec(Path audio, String say, long pauseMs, Long bargeInAfterMs) {
        public String label() {
            return audio != null ? audio.getFileName().toString() : say;
        }
    }

    public static Scenario load(Path file, CallerVoice voice) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("scenario file not found: " + file);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        try {
            return parse(root, base, voice);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static Scenario parse(JsonNode root, Path base, CallerVoice voice) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the scenario must be a mapping with a 'turns' list");
        }
        checkKeys(root, TOP_KEYS, "");
        JsonNode turns = root.get("turns");
        if (turns == null || !turns.isArray() || turns.isEmpty()) {
            throw new IllegalArgumentException("'turns' must be a non-empty list");
        }
        List<TurnSpec> specs = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            specs.add(turnSpec(turns.get(i), base, "turns[" + i + "]"));
        }
        Scenario.Timing d = Scenario.Timing.defaults();
        Scenario.Timing timing = new Scenario.Timing(
                positive(root, "agent_idle_ms", d.agentIdleMs(), ""),
                positive(root, "reply_timeout_ms", d.replyTimeoutMs(), ""),
                positive(root, "greeting_timeout_ms", d.greetingTimeoutMs(), ""),
                positive(root, "clear_timeout_ms", d.clearTimeoutMs(), ""));
        return resolve(specs, timing, voice);
    }

    /** Reads/synthesises every turn's audio. */
    public static Scenario resolve(List<TurnSpec> specs, Scenario.Timing timing, CallerVoice voice)
            throws IOException {
        List<Scenario.Turn> turns = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            TurnSpec spec = specs.get(i);
            byte[] ulaw = spec.audio() != null ? readAudio(spec.audio(), "turns[" + i + "].audio")
                    : sayAudio(voice, spec.say(), "turns[" + i + "].say");
            turns.add(new Scenario.Turn(spec.label(), ulaw, spec.pauseMs(), spec.bargeInAfterMs()));
        }
        return new Scenario(turns, timing);
    }

    /** Any WAV the reader understands, as 8 kHz mono μ-law. */
    public static byte[] readAudio(Path file, String where) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": file not found: " + file);
        }
        WavReader.Audio audio;
        try {
            audio = WavReader.read(file, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read " + file + " as WAV: " + e.getMessage());
        }
        if (audio.samples().length == 0) {
            throw new IllegalArgumentException(where + ": " + file + " holds no audio");
        }
        return MuLaw.encode(Pcm16.toShort(audio.samples()));
    }

    private static byte[] sayAudio(CallerVoice voice, String text, String where) {
        if (voice == null) {
            throw new CallerVoice.SpeechUnavailableException(where
                    + ": 'say' needs a text-to-speech engine and none is available");
        }
        try {
            return voice.say(text);
        } catch (Exception e) {
            Throwable cause = e;
            while ((cause instanceof java.util.concurrent.ExecutionException
                    || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new CallerVoice.SpeechUnavailableException(where + ": text-to-speech failed: "
                    + cause.getMessage());
        }
    }

    private static TurnSpec turnSpec(JsonNode node, Path base, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a turn must be a mapping (audio: or say:)");
        }
        checkKeys(node, TURN_KEYS, where + ".");
        boolean hasAudio = node.hasNonNull("audio");
        boolean hasSay = node.hasNonNull("say");
        if (hasAudio == hasSay) {
            throw new IllegalArgumentException(where + ": needs exactly one of 'audio' or 'say'");
        }
        Path audio = null;
        String say = null;
        if (hasAudio) {
            if (!node.get("audio").isTextual() || node.get("audio").asText().isBlank()) {
                throw new IllegalArgumentException(where + ".audio: must be a file path");
            }
            audio = base.resolve(node.get("audio").asText());
        } else {
            if (!node.get("say").isTextual() || node.get("say").asText().isBlank()) {
                throw new IllegalArgumentException(where + ".say: must be non-empty text");
            }
            say = node.get("say").asText();
        }
        long pause = nonNegative(node, "pause_ms", 0, where + ".");
        Long bargeIn = node.has("barge_in_after_ms") ? nonNegative(node, "barge_in_after_ms", 0, where + ".") : null;
        return new TurnSpec(audio, say, pause, bargeIn);
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(prefix + key + ": unknown key (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static long nonNegative(JsonNode node, String key, long dflt, String prefix) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new IllegalArgumentException(prefix + key + ": must be a whole number of milliseconds >= 0, got "
                    + v);
        }
        return v.asLong();
    }

    private static long positive(JsonNode node, String key, long dflt, String prefix) {
        long v = nonNegative(node, key, dflt, prefix);
        if (v == 0) {
            throw new IllegalArgumentException(prefix + key + ": must be > 0");
        }
        return v;
    }
}
