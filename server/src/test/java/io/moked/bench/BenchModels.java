package io.moked.bench;

import io.moked.models.ModelCatalog;
import io.moked.models.ModelEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine bench measured, and of which file: every model file is identified by its SHA-256 against the
 * manifest, so a toy or test model (manifest {@code fixture: true}: stories260K, whisper's weightless test file) is
 * labelled as such in the printed table and never written to {@code bench-results.json}, and each recorded figure
 * names the file, its hash and the machine — {@code agentctl models recommend} shows a figure only for the model
 * whose hash it carries.
 */
final class BenchModels {
    /** A model file: its hash and the manifest entry with that hash (or that file name), if any. */
    record Identity(Path path, String sha256, ModelEntry entry) {
        String file() {
            return path.getFileName().toString();
        }

        /** A toy or test model: its speed says how fast the plumbing is, nothing about a real model. */
        boolean toy() {
            return entry != null && entry.fixture();
        }

        /** Suffix for the printed row. */
        String label() {
            return toy() ? " (TOY/TEST model " + entry.name() + ": plumbing figures only, not recorded)"
                    : entry == null ? " (not in the manifest)" : "";
        }
    }

    private final ModelCatalog catalog;
    private final Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    private final Map<String, List<String>> real = new LinkedHashMap<>();
    private final Map<String, List<String>> toys = new LinkedHashMap<>();
    private final List<Identity> seen = new ArrayList<>();

    BenchModels(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    Identity identify(Path file) throws IOException {
        String sha = sha256(file);
        ModelEntry entry = catalog.entries().stream().filter(e -> sha.equals(e.sha256())).findFirst()
                .or(() -> catalog.entries().stream().filter(e -> e.file().equals(file.getFileName().toString())
                        && e.sha256() == null).findFirst())
                .orElse(null);
        Identity id = new Identity(file, sha, entry);
        seen.add(id);
        return id;
    }

    /** Notes that an engine was benchmarked on this file (for the summary of what is missing). */
    void benchmarked(String engine, Identity id) {
        (id.toy() ? toys : real).computeIfAbsent(engine, k -> new ArrayList<>()).add(id.file());
    }

    /** Records a latency for {@code agentctl models recommend}; toy and test models are never recorded. */
    void record(Identity id, double latencyMs, String metric) {
        if (id.toy()) {
            return;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("latency_ms", Math.round(latencyMs * 1000) / 1000.0);
        r.put("metric", metric);
        r.put("sha256", id.sha256());
        r.put("model", id.entry() == null ? null : id.entry().name());
        r.put("machine", machine());
        r.put("at", java.time.Instant.now().toString());
        results.put(id.file(), r);
    }

    Map<String, Map<String, Object>> results() {
        return results;
    }

    /** "2 cores, amd64, AMD EPYC …": the machine a figure was measured on. */
    static String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().map(c -> ", " + c).orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: cores and architecture say enough
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + cpu;
    }

    /**
     * Which engines had a real model to measure, which only a toy one, and which none — and the manifest models not
     * installed (matched by hash, so a renamed copy counts as installed).
     */
    void printSummary() {
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("vad silero", "stt whisper", "llm llama", "tts piper")) {
            String name = engine.substring(engine.indexOf(' ') + 1);
            List<String> r = real.getOrDefault(name, List.of());
            List<String> t = toys.getOrDefault(name, List.of());
            lines.add(engine.replace(' ', '/') + ": " + (!r.isEmpty() ? "measured " + String.join(", ", r)
                    : !t.isEmpty() ? "MISSING a real model — only toy/test " + String.join(", ", t) + " (plumbing)"
                    : "MISSING — no model installed (the stage falls back to the OpenAI-compatible server)"));
        }
        List<String> g2p = seenOfKind(io.moked.models.ModelKind.G2P);
        lines.add("g2p: " + (g2p.isEmpty() ? "MISSING — no Hebrew G2P model installed (a Hebrew Piper voice cannot run)"
                : "installed " + String.join(", ", g2p) + " (measured inside Piper's first audio)"));
        System.out.println("# engines: " + String.join(" | ", lines));
        List<String> missing = new ArrayList<>();
        for (ModelEntry e : catalog.entries()) {
            boolean installed = seen.stream().anyMatch(id -> id.entry() == e || e.file().equals(id.file()));
            if (!e.fixture() && !installed) {
                missing.add(e.name() + " (" + e.kind().id() + ", " + e.file() + ")");
            }
        }
        System.out.println("# manifest models not installed, not benchmarked: "
                + (missing.isEmpty() ? "none" : String.join(", ", missing)));
    }

    /** Files of this kind seen in the models directories (identified through {@link #scan}). */
    private List<String> seenOfKind(io.moked.models.ModelKind kind) {
        return seen.stream().filter(id -> id.entry() != null && id.entry().kind() == kind && !id.toy())
                .map(Identity::file).toList();
    }

    /** Identifies the manifest's G2P files present in {@code dir} (they are benchmarked inside Piper). */
    void scan(Path dir) throws IOException {
        for (ModelEntry e : catalog.entries()) {
            Path file = dir.resolve(e.file());
            if (e.kind() == io.moked.models.ModelKind.G2P && Files.isRegularFile(file)) {
                identify(file);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
