package io.moked.cli.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.ExitCode;
import io.moked.cli.sim.call.FakeTwilioAppliance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** agentctl loadtest and call simulate, run in-process against the fake Twilio-protocol appliance. */
class SimCommandsTest {
    private static final String TOKEN = "cli-test-token-0123456789abcdef00";
    @TempDir
    Path dir;
    private FakeTwilioAppliance fake;
    private CliRun cli;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeTwilioAppliance(TOKEN, FakeTwilioAppliance.Answer.STREAM, false,
                new FakeTwilioAppliance.Reply(3, 40), List.of(new FakeTwilioAppliance.Reply(2, 60),
                new FakeTwilioAppliance.Reply(2, 60)));
        cli = CliRun.sqlite(dir.resolve("var"));
        tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        TestWavs.tone(dir.resolve("one.wav"), 300);
        TestWavs.tone(dir.resolve("two.wav"), 200);
        Files.writeString(dir.resolve("scenario.yaml"), """
                turns:
                  - audio: one.wav
                  - audio: two.wav
                    pause_ms: 100
                agent_idle_ms: 200
                """);
    }

    @AfterEach
    void stop() {
        fake.close();
        cli.close();
    }

    private String[] loadtest(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("loadtest", "--url", fake.baseUrl(),
                "--to", "+97231234567", "--calls", "6", "--concurrency", "3", "--ramp", "0.2",
                "--script", dir.resolve("scenario.yaml").toString(), "--auth-token-file", tokenFile.toString(), "--account-sid", "AC0123"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void loadtestReportsEveryMetricAndWritesJson() throws Exception {
        Path reportFile = dir.resolve("out/report.json");
        CliRun.Result r = cli.ok(loadtest("--slo", "errors=0,greeting_p99_ms=5000", "--report",
                reportFile.toString(), "-o", "json"));
        JsonNode json = r.json();
        assertEquals(6, json.path("calls").path("started").asInt());
        assertEquals(6, json.path("calls").path("completed").asInt());
        assertEquals(0, json.path("calls").path("errors").asInt(), r.out() + r.err());
        assertEquals(6, json.path("metrics_ms").path("webhook").path("count").asInt());
        assertEquals(6, json.path("metrics_ms").path("greeting").path("count").asInt());
        assertEquals(12, json.path("metrics_ms").path("turn").path("count").asInt());
        assertTrue(json.path("metrics_ms").path("jitter").path("count").asInt() > 0);
        assertTrue(json.path("load_generator").path("cpu_seconds").asDouble() > 0);
        assertTrue(json.path("slo_met").asBoolean());
        assertEquals(json, io.moked.cli.output.Json.mapper().readTree(reportFile.toFile()));
        assertEquals(6, fake.statusCallbacks.get(), "a signed status callback per call");
    }

    @Test
    void brokenSloExitsOneAndTableNamesIt() {
        CliRun.Result r = cli.run(loadtest("--slo", "turn_p50_ms=1"));
        assertEquals(ExitCode.FAILURE, r.exitCode(), r.err());
        assertTrue(r.out().contains("turn latency"), r.out());
        assertTrue(r.out().contains("BROKEN"), r.out());
        assertTrue(r.err().contains("turn_p50_ms"), r.err());
    }

    @Test
    void badInputIsAUsageErrorOnOneLine() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "turns:\n  - audio: one.wav\n    pause: 5\n");
        CliRun.Result bad = cli.run("loadtest", "--url", fake.baseUrl(), "--to", "+97231234567", "--calls", "1",
                "--concurrency", "1", "--script", dir.resolve("bad.yaml").toString(), "--auth-token-file",
                tokenFile.toString());
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.errLine().contains("turns[0].pause: unknown key"), bad.err());
        CliRun.Result slo = cli.run(loadtest("--slo", "latency=3"));
        assertEquals(ExitCode.USAGE, slo.exitCode());
        assertTrue(slo.errLine().contains("latency"), slo.err());
        CliRun.Result noToken = cli.run("loadtest", "--url", fake.baseUrl(), "--to", "+97231234567", "--calls", "1",
                "--concurrency", "1", "--script", dir.resolve("scenario.yaml").toString());
        assertEquals(ExitCode.USAGE, noToken.exitCode());
        assertTrue(noToken.errLine().contains("--auth-token-file"), noToken.err());
    }

    @Test
    void callSimulatePrintsTheCallLiveAndSavesWhatTheCallerHeard() throws Exception {
        Path saved = dir.resolve("heard.wav");
        CliRun.Result r = cli.ok("call", "simulate", "--url", fake.baseUrl(), "--to", "+97231234567",
                "--audio", dir.resolve("one.wav").toString(), "--audio", dir.resolve("two.wav").toString(),
                "--auth-token-file", tokenFile.toString(), "--save-audio", saved.toString());
        assertTrue(r.out().contains("greeting: first audio"), r.out());
        assertTrue(r.out().contains("caller #1"), r.out());
        assertTrue(r.out().contains("one.wav"), r.out());
        assertTrue(r.out().contains("caller #2"), r.out());
        assertTrue(r.out().contains("two.wav"), r.out());
        assertTrue(r.out().contains("ms after the caller stopped speaking"), r.out());
        assertTrue(r.out().contains("stop sent, call completed"), r.out());
        try (AudioInputStream in = AudioSystem.getAudioInputStream(saved.toFile())) {
            assertEquals(2, in.getFormat().getChannels());
            assertEquals(8000f, in.getFormat().getSampleRate());
            assertTrue(in.getFrameLength() > 8000 / 2, "at least the half second of caller speech");
        }
    }

    @Test
    void sayWithoutATtsEngineSaysSoAndExitsOne() {
        CliRun.Result r = cli.run("call", "simulate", "--url", fake.baseUrl(), "--to", "+97231234567",
                "--say", "שלום", "--auth-token-file", tokenFile.toString());
        assertEquals(ExitCode.FAILURE, r.exitCode());
        assertTrue(r.errLine().contains("text-to-speech"), r.err());
    }
}
