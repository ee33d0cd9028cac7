package io.moked.cli.sim.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.moked.cli.CliRun;
import io.moked.cli.sim.SharedData;
import io.moked.cli.sim.upstream.SimScript;
import io.moked.cli.sim.upstream.SimSettings;
import io.moked.cli.sim.upstream.UpstreamSimulator;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallStatus;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call with local engines where their models exist on this machine and the OpenAI-compatible fallback where they
 * do not (issue 12): the real Silero VAD and the real llama.cpp engine on stories260K run locally; there are no
 * whisper weights and no Piper voice here, so speech-to-text and text-to-speech go to the upstream simulator after
 * the local engines fail their warm-up. The default engine orders are kept (local first). The call completes with
 * its turns stored (the agent's words are the toy model's), and {@code /ready} (the appliance, after warm-up) and
 * {@code agentctl doctor} (from the installed files) name the engine serving each stage, where it runs and why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalAndCloudCallEndToEndTest {
    private static final String NUMBER = "+97235550178";
    private static final String ACCOUNT_SID = "AC00000000000000000000000000e2e002";
    private static final String TOKEN = "e2e-auth-token-0123456789abcdef";
    private static final String HEARD = "שלום, אני מחפש דירת שלושה חדרים ביפו";
    private static final String WHISPER_MODEL = "ggml-ivrit-large-v3-turbo-q5_0.bin";
    private static final String VOICE = "he-shaul.onnx";

    @TempDir
    static Path dir;
    private UpstreamSimulator sim;
    private E2eAppliance fixture;
    private ApplicationContext appliance;
    private int port;
    private Tenant tenant;
    private CliRun cli;

    @BeforeAll
    void start() throws Exception {
        Path script = Files.writeString(dir.resolve("sim.yaml"), "transcriptions:\n  - \"" + HEARD + "\"\n"
                + "chat:\n  default_reply: \"the upstream language model must not be asked\"\n");
        sim = UpstreamSimulator.start(SimSettings.defaults(0).withLatency(100, 40, 80, 0.2)
                .withScript(SimScript.load(script)));
        Map<String, Object> props = E2eAppliance.properties(dir.resolve("var"), sim.baseUrl());
        // the real models this machine has, linked (never copied) under the names the engines are configured with
        Files.createSymbolicLink(Path.of((String) props.get("moked.models-dir")).resolve("stories260K.gguf"),
                SharedData.root().resolve("models/stories260K.gguf"));
        props.put("moked.engines.stt.whisper.model", WHISPER_MODEL);
        props.put("moked.engines.tts.piper.voice", VOICE);
        props.put("moked.engines.llm.llama.model", "stories260K.gguf");
        props.put("moked.engines.llm.llama.context-size", 4096);
        props.put("moked.call.max-tokens", 16);   // the toy model tells stories: keep its spoken reply short
        fixture = E2eAppliance.start(props);
        appliance = fixture.context();
        port = fixture.port();
        cli = fixture.cli();
        tenant = fixture.tenant("local-homes", NUMBER, ACCOUNT_SID, TOKEN, true,
                "את {{assistant_name}}, נציגת {{business_name}}.");
    }
    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static JsonNode stages(JsonNode checks) {
        for (JsonNode c : checks) {
            if ("stages".equals(c.path("name").asText()) || "stages".equals(c.path("check").asText())) {
                return c.path("info");
            }
        }
        throw new AssertionError("no stages check in " + checks);
    }

    private static void assertStage(JsonNode stages, String stage, String engine, String where, String... why) {
        JsonNode s = stages.path(stage);
        assertEquals(engine, s.path("engine").asText(), stage + ": " + s);
        assertEquals(where, s.path("where").asText(), stage + ": " + s);
        for (String w : why) {
            assertTrue(s.path("reason").asText().contains(w), stage + " reason lacks '" + w + "': " + s);
        }
    }

    @Test
    void theCallCompletesAndReadyAndDoctorNameTheEngineOfEveryStage() throws Exception {
        JsonNode ready = fixture.awaitReady();
        JsonNode live = stages(ready.path("checks"));
        assertStage(live, "vad", "silero", "local", "silero_vad.onnx");
        assertStage(live, "stt", "openai", "cloud", "whisper failed", WHISPER_MODEL + " not found", "openai warm");
        assertStage(live, "llm", "llama", "local", "llama warm");
        assertStage(live, "g2p", "none", "none", "only the local Piper voice needs a G2P");
        assertStage(live, "tts", "openai", "cloud", "piper failed", VOICE + " not found", "openai warm");

        CliRun.Result r = cli.ok("call", "simulate", "--url", "http://127.0.0.1:" + port, "--to", NUMBER,
                "--audio", SharedData.hebrewUtterance("hebdb_gt_01.wav").toString(), "-o", "json");
        JsonNode out = r.json();
        assertTrue(out.path("call").path("completed").asBoolean(), r.err());
        assertEquals(0, out.path("call").path("errors").size(), r.err());
        CallService calls = appliance.getBean(CallService.class);
        Call call = calls.getBySid(tenant, out.path("call").path("callSid").asText());
        assertEquals(CallStatus.COMPLETED, call.status());
        List<CallTurn> turns = calls.turns(tenant, call.id());
        assertEquals(List.of(HEARD), turns.stream().filter(t -> t.role() == TurnRole.USER).map(CallTurn::text)
                .toList(), "transcribed by the upstream simulator (the fallback STT)");
        List<String> replies = turns.stream().filter(t -> t.role() == TurnRole.ASSISTANT).map(CallTurn::text)
                .toList();
        assertFalse(replies.isEmpty(), "the agent answered");
        assertFalse(replies.stream().anyMatch(t -> t.contains("must not be asked")),
                "the reply came from the local llama engine, not the upstream chat: " + replies);

        CliRun.Result doctor = cli.run("doctor", "-o", "json");
        JsonNode installed = stages(doctor.json().path("checks"));
        assertStage(installed, "vad", "silero", "local", "silero_vad.onnx");
        assertStage(installed, "stt", "openai", "cloud", "whisper: " + WHISPER_MODEL + " not installed",
                "falls back to " + sim.baseUrl());
        assertStage(installed, "llm", "llama", "local", "model installed (stories260K.gguf)");
        assertStage(installed, "g2p", "none", "none", "only the local Piper voice needs a G2P");
        assertStage(installed, "tts", "openai", "cloud", "piper: " + VOICE + " not installed",
                "falls back to " + sim.baseUrl());
    }
}
