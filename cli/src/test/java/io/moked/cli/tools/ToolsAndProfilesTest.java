package io.moked.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** agentctl tools phonemize, models recommend and pull --profile on a temp manifest (no services started). */
class ToolsAndProfilesTest {
    /** sha256 of the three bytes "vad". */
    private static final String VAD_SHA = "651bfad0aa5b42c5a5b8dad76f49c4a122fe1d1658fc55cfdd1ea9923fe3fd9e";
    @TempDir
    Path work;

    private CliRun cli() throws Exception {
        Path models = Files.createDirectories(work.resolve("models"));
        Files.writeString(models.resolve("vad.onnx"), "vad");
        Files.writeString(models.resolve("stt.bin"), "a toy model under the real one's name");
        // the vad figure is of vad.onnx (sha256 of "vad"); the stt.bin figure of a different file
        Files.writeString(models.resolve("bench-results.json"), "{\"silero-copy.onnx\": {\"latency_ms\": 0.3, "
                + "\"metric\": \"per 32 ms chunk\", \"sha256\": \"" + VAD_SHA + "\", \"machine\": \"test box\", "
                + "\"at\": \"2026-12-04\"}, \"stt.bin\": {\"latency_ms\": 5.0, \"metric\": \"toy\", \"sha256\": "
                + "\"0000\", \"machine\": \"test box\", \"at\": \"2026-12-04\"}}");
        Path manifest = work.resolve("manifest.yaml");
        Files.writeString(manifest, "version: 1\nmodels:\n"
                + "  - {name: vad, kind: vad, file: vad.onnx, url: null, sha256: " + VAD_SHA + ", size: null, "
                + "license: MIT}\n"
                + "  - {name: stt-big, kind: stt, file: stt.bin, url: null, sha256: " + "1".repeat(64) + ", size: null, "
                + "license: Apache-2.0}\n"
                + "  - {name: voice-nc, kind: tts, file: voice.onnx, url: null, sha256: null, size: null, "
                + "license: CC-BY-NC-4.0}\n"
                + "profiles:\n"
                + "  - {name: tiny, description: vad only, min_cores: 1, min_ram_gib: 1, gpu: false, "
                + "models: {vad: vad}}\n"
                + "  - {name: big, description: all local, min_cores: 8, min_ram_gib: 16, gpu: false, "
                + "models: {vad: vad, stt: stt-big, tts: voice-nc}}\n");
        return new CliRun(CliRuntime.builder()
                .property(CliRuntime.DATA_DIR_PROPERTY, work.resolve("data").toString())
                .property("moked.models-dir", models.toString())
                .property("moked.models.manifest", manifest.toString())
                .env("USER", "test-admin").build());
    }

    @Test
    void phonemizeNeedsNoModelAndNoDatabase() throws Exception {
        JsonNode out = cli().ok("tools", "phonemize", "שָׁלוֹם עוֹלָם", "-o", "json").json();
        assertEquals("ʃalˈom ʔolˈam", out.path("ipa").asText());
        assertEquals(ExitCode.USAGE, cli().run("tools", "phonemize", " ").exitCode());
        assertTrue(Files.notExists(work.resolve("data").resolve("moked.db")), "no database was opened");
    }

    @Test
    void recommendPicksTheBiggestProfileThatFitsWithMeasuredLatencyOnly() throws Exception {
        CliRun cli = cli();
        JsonNode small = cli.ok("models", "recommend", "--cores", "2", "--ram", "4", "-o", "json").json();
        assertEquals("tiny", small.path("profile").asText());
        JsonNode big = cli.ok("models", "recommend", "--cores", "8", "--ram", "32", "-o", "json").json();
        assertEquals("big", big.path("profile").asText());
        assertEquals(5, big.path("stages").size(), "vad, stt, llm, g2p, tts");
        JsonNode vad = big.path("stages").get(0);
        assertEquals("vad", vad.path("stage").asText());
        assertEquals(0.3, vad.path("latencyMs").asDouble(), 1e-9);
        assertTrue(vad.path("latencySource").asText().contains("test box")
                && vad.path("latencySource").asText().contains("silero-copy.onnx (sha256 " + VAD_SHA.substring(0, 12)),
                "labelled with the file, its hash and the machine: " + vad.path("latencySource").asText());
        JsonNode stt = big.path("stages").get(1);
        assertTrue(stt.path("latencyMs").isNull(), "a figure of another file is never shown as this model's");
        assertTrue(stt.path("latencySource").asText().contains("measured on another file (sha256 0000)"),
                stt.path("latencySource").asText());
        JsonNode llm = big.path("stages").get(2);
        assertTrue(llm.path("model").isNull(), "llm left to the cloud fallback");
        assertTrue(big.path("stages").get(4).path("licenceWarning").asText().contains("not for commercial use"));
        CliRun.Result r = cli.run("models", "recommend", "--cores", "0");
        assertEquals(ExitCode.USAGE, r.exitCode());
    }

    @Test
    void pullProfileSaysWhatMustBeImported() throws Exception {
        CliRun.Result r = cli().run("models", "pull", "--profile", "big");
        assertEquals(ExitCode.FAILURE, r.exitCode(), r.err());
        assertTrue(r.err().contains("stt-big has no download url") && r.err().contains("import"), r.err());
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, cli().run("models", "pull", "--profile", "nope").exitCode());
        assertEquals(ExitCode.USAGE, cli().run("models", "pull").exitCode());
    }

    @Test
    void listWarnsAboutAnInstalledNonCommercialModel() throws Exception {
        CliRun cli = cli();
        Files.writeString(work.resolve("models").resolve("voice.onnx"), "voice");
        CliRun.Result r = cli.ok("models", "list");
        assertTrue(r.err().contains("warning: installed voice-nc is licensed CC-BY-NC-4.0"), r.err());
        JsonNode json = cli.ok("models", "list", "-o", "json").json();
        for (JsonNode m : json.path("models")) {
            if (m.path("name").asText().equals("stt-big")) {
                assertNull(m.path("licenceWarning").textValue());
            }
        }
    }
}
