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
 * directories — load time and time per chunk (Silero VAD, {@link VadBench}), per-call latency, real-time factor and
 * confidence source (whisper, on the Hebrew evaluation clips), tokens per second and time to first token (llama, cold
 * and with the previous turn in the KV cache), first audio and real-time factor (Piper voices that have a Hebrew G2P
 * or are not Hebrew). Files are identified by hash ({@link BenchModels}): toy and test models are labelled and never
 * recorded. Prints numbers; asserts nothing.
 * <p>
 * Args: models directories to scan (default: $MOKED_MODELS_DIR or ./var/models, plus shared/models).
 */
public final class EngineBench {
    private static final int WHISPER_CLIPS = Integer.getInteger("bench.whisper.clips", 5);
    private static final int LLAMA_TOKENS = Integer.getInteger("bench.llama.tokens", 128);
    private static final int LLAMA_RUNS = Integer.getInteger("bench.llama.runs", 3);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private EngineBench() {
    }

    private static void writeResults(BenchModels models, Path dir) {
        if (models.results().isEmpty()) {
            System.out.println("# nothing recorded for `agentctl models recommend`: no real model was measured");
            return;
        }
        if (!Files.isDirectory(dir)) {
            System.out.println("# measurements of " + models.results().keySet() + " not written: " + dir
                    + " does not exist (the appliance's models directory; pass it as the first argument)");
            return;
        }
        Path file = dir.resolve(io.moked.models.ModelRecommender.BENCH_RESULTS);
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            Map<String, Object> all = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                all.putAll(json.readValue(file.toFile(), Map.class));
            }
            all.putAll(models.results());
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
        BenchModels models = new BenchModels(io.moked.models.ModelCatalog.load(null));
        boolean anyVoice = false;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                System.out.println("# (missing) " + dir);
                continue;
            }
            models.scan(dir);
            for (Path file : list(dir)) {
                String name = file.getFileName().toString();
                try {
                    if (name.endsWith(".onnx") && name.startsWith("silero")) {
                        VadBench.run(models, models.identify(file));
                    } else if (name.startsWith("ggml") && name.endsWith(".bin")
                            || name.contains("whisper") && name.endsWith(".bin")) {
                        whisper(models, dir, models.identify(file));
                    } else if (name.endsWith(".gguf")) {
                        llama(models, dir, models.identify(file));
                    } else if (name.endsWith(".onnx") && Files.exists(dir.resolve(name + ".json"))) {
                        anyVoice = true;
                        piper(models, dir, models.identify(file));
                    }
                } catch (Exception | UnsatisfiedLinkError e) {
                    System.out.println("| " + name + " | FAILED: " + e.getMessage() + " |");
                }
            }
        }
        Path fixture = Path.of("server/target/test-classes/piper");
        if (!anyVoice && Files.exists(fixture.resolve("test-voice.onnx"))) {
            System.out.println("# no Piper voice in the models dirs; measuring the Piper path with the test fixture");
            piper(models, fixture, null);
        }
        models.printSummary();
        writeResults(models, dirs.get(0));
        // llama.cpp's native server loop thread is attached to the JVM as a non-daemon thread
        System.exit(0);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    // ---- whisper -------------------------------------------------------------------------------------------------

    private static void whisper(BenchModels models, Path dir, BenchModels.Identity id) throws Exception {
        String model = id.file();
        Map<Path, String> clips = hebrewClips();
        long t0 = System.nanoTime();
        WhisperSttEngine engine = new WhisperSttEngine(new WhisperConfig(model, 1, 0, null), new ModelFiles(dir), 1);
        engine.load();
        double loadMs = ms(t0);
        boolean testModel = id.toy();
        models.benchmarked("whisper", id);
        try {
            engine.transcribe(new float[16_000], "he"); // first-call warm-up, not measured
            double audioS = 0;
            double procMs = 0;
            List<Double> latencies = new ArrayList<>();
            List<Double> confidences = new ArrayList<>();
            double errors = 0;
            double words = 0;
            for (Map.Entry<Path, String> clip : clips.entrySet()) {
                float[] pcm = TestWav.read16k(clip.getKey());
                long s = System.nanoTime();
                SttEngine.Transcript t = engine.transcribe(pcm, "he");
                double ms = ms(s);
                if (t.hasConfidence()) {
                    confidences.add(t.confidence());
                }
                latencies.add(ms);
                procMs += ms;
                audioS += pcm.length / 16_000.0;
                String[] ref = words(clip.getValue());
                errors += editDistance(ref, words(t.text()));
                words += ref.length;
            }
            double rtf = procMs / 1000.0 / audioS;
            models.record(id, procMs / clips.size(), "mean transcription per Hebrew utterance, RTF "
                    + String.format(Locale.ROOT, "%.2f", rtf));
            System.out.printf(Locale.ROOT, "| whisper | %s%s | load %.0f ms | %d Hebrew clips, %.1f s audio | "
                            + "latency mean %.0f ms, max %.0f ms | RTF %.2f (threads %d) | WER %s | confidence %s "
                            + "| %s |%n",
                    model, id.label(), loadMs, clips.size(), audioS, procMs / clips.size(),
                    latencies.stream().mapToDouble(d -> d).max().orElse(0), rtf, engine.threadsPerCall(),
                    testModel ? "n/a (no weights: whisper.cpp decodes nothing)"
                            : String.format(Locale.ROOT, "%.1f %%", 100 * errors / Math.max(1, words)),
                    confidences.isEmpty() ? "none reported" : String.format(Locale.ROOT, "mean %.3f over %d clips",
                            confidences.stream().mapToDouble(d -> d).average().orElse(0), confidences.size()),
                    engine.backendDescription());
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

    private static void llama(BenchModels models, Path dir, BenchModels.Identity id) throws Exception {
        String model = id.file();
        models.benchmarked("llama", id);
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
            models.record(id, ttft / LLAMA_RUNS, "first token");
            System.out.printf(Locale.ROOT, "| llama | %s%s | load %.0f ms | %.0f tok/s (%d tokens x %d runs, %d threads) | "
                            + "first token %.1f ms | turn-2 first token: %.1f ms cold, %.1f ms with KV cache |%n",
                    model, id.label(), loadMs, tps / LLAMA_RUNS, LLAMA_TOKENS, LLAMA_RUNS, CORES, ttft / LLAMA_RUNS,
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

    /** @param id the voice's identity; null for the test fixture (one sample per phoneme: no real audio) */
    private static void piper(BenchModels models, Path dir, BenchModels.Identity id) throws Exception {
        boolean fixture = id == null;
        String voice = fixture ? "test-voice.onnx" : id.file();
        if (!fixture) {
            models.benchmarked("piper", id);
        }
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
                models.record(id, firstMs, "first audio of a sentence (G2P included)");
            }
            System.out.printf(Locale.ROOT, "| piper | %s%s | load %.0f ms | first audio %.1f ms | synth %.1f ms for "
                            + "%d samples | RTF %s |%n",
                    voice, fixture ? " (TEST FIXTURE, one sample per phoneme: path overhead only, not recorded)"
                            : id.label(), loadMs, firstMs, ms, samples[0],
                    fixture ? "n/a" : String.format(Locale.ROOT, "%.3f", ms / 1000.0 / Math.max(1e-9, audioS)));
        } finally {
            engine.close();
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
