package io.moked.bench;

import io.moked.engine.Cancellation;
import io.moked.engine.ModelFiles;
import io.moked.engine.SharedDir;
import io.moked.engine.TestWav;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.llama.LlamaConfig;
import io.moked.llm.llama.LlamaLlmEngine;
import io.moked.stt.SttEngine;
import io.moked.stt.whisper.WhisperConfig;
import io.moked.stt.whisper.WhisperSttEngine;
import io.moked.tts.HebrewG2p;
import io.moked.tts.piper.PiperSettings;
import io.moked.tts.piper.PiperTtsEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Engine benchmark on this machine (run by scripts/bench/engines.sh): for every model file found in the models
 * directories — load time, per-call latency and real-time factor (whisper, on the Hebrew evaluation clips), tokens per
 * second and time to first token (llama, cold and with the previous turn in the KV cache), synthesis real-time factor
 * (Piper voices that have a Hebrew G2P or are not Hebrew). Prints numbers; asserts nothing.
 * <p>
 * Args: models directories to scan (default: $MOKED_MODELS_DIR or ./var/models, plus shared/models).
 */
public final class EngineBench {
    private static final int WHISPER_CLIPS = Integer.getInteger("bench.whisper.clips", 5);
    private static final int LLAMA_TOKENS = Integer.getInteger("bench.llama.tokens", 128);
    private static final int LLAMA_RUNS = Integer.getInteger("bench.llama.runs", 3);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** What this run measured, written to {@code bench-results.json} for `agentctl models recommend`. */
    private static final Map<String, Map<String, Object>> RESULTS = new LinkedHashMap<>();

    private EngineBench() {
    }

    private static void record(String file, double latencyMs, String metric) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("latency_ms", Math.round(latencyMs * 10) / 10.0);
        r.put("metric", metric);
        r.put("machine", CORES + " cores, " + System.getProperty("os.arch"));
        r.put("at", java.time.Instant.now().toString());
        RESULTS.put(file, r);
    }

    /** Lists the manifest's engine models that none of the directories holds. */
    private static void reportMissing(List<Path> dirs) {
        try {
            io.moked.models.ModelCatalog catalog = io.moked.models.ModelCatalog.load(null);
            List<String> missing = new ArrayList<>();
            for (io.moked.models.ModelEntry e : catalog.entries()) {
                if (!e.fixture() && dirs.stream().noneMatch(d -> Files.isRegularFile(d.resolve(e.file())))) {
                    missing.add(e.name() + " (" + e.kind().id() + ", " + e.file() + ")");
                }
            }
            System.out.println("# not installed, not benchmarked: " + (missing.isEmpty() ? "none" : String.join(", ", missing)));
        } catch (RuntimeException e) {
            System.out.println("# cannot read the model manifest: " + e.getMessage());
        }
    }

    private static void writeResults(Path dir) {
        if (RESULTS.isEmpty() || !Files.isDirectory(dir)) {
            return;
        }
        Path file = dir.resolve(io.moked.models.ModelRecommender.BENCH_RESULTS);
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            Map<String, Object> all = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                all.putAll(json.readValue(file.toFile(), Map.class));
            }
            all.putAll(RESULTS);
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), all);
            System.out.println("# measurements written to " + file + " (read by `agentctl models recommend`)");
        } catch (IOException | RuntimeException e) {
            System.out.println("# cannot write " + file + ": " + e.getMessage());
        }
    }

    public static void main(String[] args) throws Exception {
        List<Path> dirs = new ArrayList<>();
        if (args.length > 0) {
            Arrays.stream(args).map(Path::of).forEach(dirs::add);
        } else {
            String env = System.getenv("MOKED_MODELS_DIR");
            dirs.add(env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(System.getenv().getOrDefault("MOKED_DATA_DIR", "./var"), "models"));
            dirs.add(SharedDir.models());
        }
        System.out.printf(Locale.ROOT, "# Moked engine bench — %d cores, Java %s, %s%n", CORES,
                System.getProperty("java.version"), System.getProperty("os.arch"));
        System.out.println("# models dirs: " + dirs);
        boolean anyVoice = false;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                System.out.println("# (missing) " + dir);
                continue;
            }
            for (Path file : list(dir)) {
                String name = file.getFileName().toString();
                try {
                    if (name.startsWith("ggml") && name.endsWith(".bin") || name.contains("whisper") && name.endsWith(".bin")) {
                        whisper(dir, name);
                    } else if (name.endsWith(".gguf")) {
                        llama(dir, name);
                    } else if (name.endsWith(".onnx") && Files.exists(dir.resolve(name + ".json"))) {
                        anyVoice = true;
                        piper(dir, name);
                    }
                } catch (Exception | UnsatisfiedLinkError e) {
                    System.out.println("| " + name + " | FAILED: " + e.getMessage() + " |");
                }
            }
        }
        reportMissing(dirs);
        writeResults(dirs.get(0));
        Path fixture = Path.of("server/target/test-classes/piper");
        if (!anyVoice && Files.exists(fixture.resolve("test-voice.onnx"))) {
            System.out.println("# no Piper voice in the models dirs; measuring piper-jni's overhead with the test fixture");
            piper(fixture, "test-voice.onnx");
        }
        // llama.cpp's native server loop thread is attached to the JVM as a non-daemon thread
        System.exit(0);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    // ---- whisper -------------------------------------------------------------------------------------------------

    private static void whisper(Path dir, String model) throws Exception {
        Map<Path, String> clips = hebrewClips();
        long t0 = System.nanoTime();
        WhisperSttEngine engine = new WhisperSttEngine(new WhisperConfig(model, 1, 0, null), new ModelFiles(dir), 1);
        engine.load();
        double loadMs = ms(t0);
        boolean testModel = model.contains("for-tests");
        try {
            engine.transcribe(new float[16_000], "he"); // first-call warm-up, not measured
            double audioS = 0;
            double procMs = 0;
            List<Double> latencies = new ArrayList<>();
            double errors = 0;
            double words = 0;
            for (Map.Entry<Path, String> clip : clips.entrySet()) {
                float[] pcm = TestWav.read16k(clip.getKey());
                long s = System.nanoTime();
                SttEngine.Transcript t = engine.transcribe(pcm, "he");
                double ms = ms(s);
                latencies.add(ms);
                procMs += ms;
                audioS += pcm.length / 16_000.0;
                String[] ref = words(clip.getValue());
                errors += editDistance(ref, words(t.text()));
                words += ref.length;
            }
            double rtf = procMs / 1000.0 / audioS;
            if (!testModel) {
                record(model, procMs / clips.size(), "mean transcription per Hebrew utterance, RTF "
                        + String.format(Locale.ROOT, "%.2f", rtf));
            }
            System.out.printf(Locale.ROOT, "| whisper | %s | load %.0f ms | %d Hebrew clips, %.1f s audio | "
                            + "latency mean %.0f ms, max %.0f ms | RTF %.2f (threads %d) | WER %s |%n",
                    model, loadMs, clips.size(), audioS, procMs / clips.size(),
                    latencies.stream().mapToDouble(d -> d).max().orElse(0), rtf, engine.threadsPerCall(),
                    testModel ? "n/a (weightless test model: text is meaningless)"
                            : String.format(Locale.ROOT, "%.1f %%", 100 * errors / Math.max(1, words)));
        } finally {
            engine.close();
        }
    }

    /** The first WHISPER_CLIPS 16 kHz Hebrew evaluation clips with their reference transcripts. */
    private static Map<Path, String> hebrewClips() throws IOException {
        Path eval = SharedDir.find().resolve("eval/hebrew-speech");
        Map<Path, String> clips = new LinkedHashMap<>();
        for (String line : Files.readAllLines(eval.resolve("transcripts.tsv"), StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t", 2);
            if (cols.length == 2 && cols[0].contains("hebdb_gt") && clips.size() < WHISPER_CLIPS) {
                clips.put(eval.resolve(cols[0]), cols[1]);
            }
        }
        if (clips.isEmpty()) {
            throw new IOException("no Hebrew evaluation clips in " + eval);
        }
        return clips;
    }

    private static String[] words(String text) {
        String clean = text.replaceAll("[\\p{Punct}״׳\"'–—]", " ").trim();
        return clean.isEmpty() ? new String[0] : clean.split("\\s+");
    }

    private static int editDistance(String[] a, String[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }

    // ---- llama ---------------------------------------------------------------------------------------------------

    private static void llama(Path dir, String model) throws Exception {
        long t0 = System.nanoTime();
        LlamaLlmEngine engine = new LlamaLlmEngine(new LlamaConfig(model, 2048, 2, 0, 0,
                "Tools:\n{tools}", List.of(), false), new ModelFiles(dir));
        engine.load();
        double loadMs = ms(t0);
        try {
            engine.warmUp();
            double tps = 0;
            double ttft = 0;
            for (int run = 0; run < LLAMA_RUNS; run++) {
                Timing t = generate(engine, List.of(ChatMessage.user("Once upon a time")), LLAMA_TOKENS, null);
                tps += t.tokensPerSecond();
                ttft += t.firstTokenMs;
            }
            // a call's second turn: long history, cold (new session) vs. the same session (KV cache reused)
            List<ChatMessage> history = new ArrayList<>();
            history.add(ChatMessage.system("Lily and Tom went to the park. ".repeat(12)));
            history.add(ChatMessage.user("Tell me a story about the park."));
            Timing turn1 = generate(engine, history, 32, "bench-call");
            history.add(ChatMessage.assistant(turn1.text));
            history.add(ChatMessage.user("And then?"));
            Timing cold = generate(engine, history, 8, "bench-cold-" + System.nanoTime());
            Timing warm = generate(engine, history, 8, "bench-call");
            if (!model.contains("stories260K")) {
                record(model, ttft / LLAMA_RUNS, "first token");
            }
            System.out.printf(Locale.ROOT, "| llama | %s | load %.0f ms | %.0f tok/s (%d tokens x %d runs, %d threads) | "
                            + "first token %.1f ms | turn-2 first token: %.1f ms cold, %.1f ms with KV cache |%n",
                    model, loadMs, tps / LLAMA_RUNS, LLAMA_TOKENS, LLAMA_RUNS, CORES, ttft / LLAMA_RUNS,
                    cold.firstTokenMs, warm.firstTokenMs);
        } finally {
            engine.close();
        }
    }

    private record Timing(String text, int tokens, double firstTokenMs, double totalMs) {
        double tokensPerSecond() {
            return tokens <= 1 ? 0 : (tokens - 1) / ((totalMs - firstTokenMs) / 1000.0);
        }
    }

    private static Timing generate(LlmEngine engine, List<ChatMessage> messages, int maxTokens, String session)
            throws Exception {
        long start = System.nanoTime();
        double[] first = {-1};
        LlmEngine.Completion c = engine.chat(new ChatRequest(messages, List.of(), 0.7, maxTokens, List.of(), session),
                delta -> {
                    if (first[0] < 0) {
                        first[0] = ms(start);
                    }
                }, new Cancellation());
        return new Timing(c.text(), c.tokens(), first[0], ms(start));
    }

    // ---- piper ---------------------------------------------------------------------------------------------------

    private static void piper(Path dir, String voice) throws Exception {
        boolean fixture = voice.startsWith("test-voice");
        String language = voice.startsWith("he") || fixture ? "he" : voice.substring(0, 2);
        Optional<HebrewG2p> g2p = Optional.empty();
        if (fixture) {
            g2p = Optional.of(new HebrewG2p() {
                @Override
                public String name() {
                    return "bench-fixed-ipa";
                }

                @Override
                public io.moked.tts.g2p.PhonemeConvention convention() {
                    return io.moked.tts.g2p.PhonemeConvention.PHONIKUD;
                }

                @Override
                public String toIpa(String text) {
                    return "ʃaˈlom ˈbokeʁ ˈtov";
                }
            });
        }
        long t0 = System.nanoTime();
        List<HebrewG2p> g2ps = new ArrayList<>(g2p.stream().toList());
        if (!fixture) {
            // the real adapters on the G2P models of the same directory (missing ones make the voice say why)
            io.moked.tts.g2p.G2pConfig files = new io.moked.tts.g2p.G2pConfig("renikud.onnx",
                    "phonikud-1.0.int8.onnx", "dictabert-large-char-menaked.tokenizer.json", 1);
            g2ps.add(new io.moked.tts.g2p.RenikudG2p(() -> dir.resolve(files.renikudModel()), 1));
            g2ps.add(new io.moked.tts.g2p.PhonikudG2p(() -> dir.resolve(files.phonikudModel()),
                    () -> dir.resolve(files.phonikudTokenizer()), 1, new io.moked.tts.g2p.HebrewPhonemizer()));
        }
        String phonemes = System.getProperty("bench.piper.phonemes", "phonikud");
        PiperTtsEngine engine = new PiperTtsEngine(new PiperSettings(voice, null, language, phonemes),
                new ModelFiles(dir), g2ps);
        try {
            engine.load();
        } catch (io.moked.engine.EngineException e) {
            System.out.println("| piper | " + voice + " | not benchmarked: " + e.getMessage() + " |");
            return;
        }
        double loadMs = ms(t0);
        try {
            long[] samples = {0};
            int[] rate = {0};
            long[] firstAudio = {-1};
            String text = fixture ? "שלום בוקר טוב" : language.equals("he") ? "שלום, הגעתם למשרד. איך אפשר לעזור?"
                    : "Hello, this is a test of the local voice.";
            long s = System.nanoTime();
            engine.synthesize(text, language, null, (pcm, r) -> {
                if (firstAudio[0] < 0) {
                    firstAudio[0] = System.nanoTime();
                }
                samples[0] += pcm.length;
                rate[0] = r;
            }, new Cancellation());
            double ms = ms(s);
            double audioS = samples[0] / (double) Math.max(1, rate[0]);
            double firstMs = firstAudio[0] < 0 ? -1 : (firstAudio[0] - s) / 1e6;
            if (!fixture) {
                record(voice, firstMs, "first audio of a sentence (G2P included)");
            }
            System.out.printf(Locale.ROOT, "| piper | %s%s | load %.0f ms | first audio %.1f ms | synth %.1f ms for "
                            + "%.2f s audio | RTF %.3f |%n",
                    voice, fixture ? " (test fixture, not a real voice)" : "", loadMs, firstMs, ms, audioS,
                    ms / 1000.0 / Math.max(1e-9, audioS));
        } finally {
            engine.close();
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
