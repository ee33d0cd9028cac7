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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole instrument chain on this machine: the appliance in-process (SQLite in a temp dir, the real Silero VAD,
 * its OpenAI-compatible engines pointed at the upstream simulator), then {@code agentctl call simulate} with real
 * Hebrew speech and {@code agentctl loadtest} with a barge-in. The call, its turns and its recording must be in the
 * database, and the transcript the command printed must be the one stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallSimulateEndToEndTest {
    private static final String NUMBER = "+97235550177";
    private static final String ACCOUNT_SID = "AC00000000000000000000000000e2e001";
    private static final String TOKEN = "e2e-auth-token-0123456789abcdef";
    private static final List<String> HEARD = List.of("שלום, אני מחפש דירת שלושה חדרים ביפו",
            "כן, מחר בעשר בבוקר מתאים לי");
    private static final String REPLY = "בשמחה. יש לנו כמה דירות מתאימות ביפו. מתי נוח לך לבוא לראות את הדירה?";

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
        Path script = Files.writeString(dir.resolve("sim.yaml"), "transcriptions:\n"
                + "  - \"" + HEARD.get(0) + "\"\n  - \"" + HEARD.get(1) + "\"\n"
                + "chat:\n  default_reply: \"" + REPLY + "\"\n");
        sim = UpstreamSimulator.start(SimSettings.defaults(0).withLatency(150, 60, 100, 0.2)
                .withScript(SimScript.load(script)));
        fixture = E2eAppliance.start(E2eAppliance.remoteEngines(dir.resolve("var"), sim.baseUrl()));
        appliance = fixture.context();
        port = fixture.port();
        cli = fixture.cli();
        tenant = fixture.tenant("e2e-homes", NUMBER, ACCOUNT_SID, TOKEN, true,
                "את {{assistant_name}}, נציגת {{business_name}}.");
        fixture.awaitReady();
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

    @Test
    void simulatedCallIsStoredWithTurnsRecordingAndTheTranscriptPrinted() throws Exception {
        CliRun.Result r = cli.ok("call", "simulate", "--url", "http://127.0.0.1:" + port, "--to", NUMBER,
                "--audio", SharedData.hebrewUtterance("hebdb_gt_01.wav").toString(),
                "--audio", SharedData.hebrewUtterance("hebdb_gt_09.wav").toString(),
                "--save-audio", dir.resolve("heard.wav").toString(), "-o", "json");
        JsonNode out = r.json();
        String callSid = out.path("call").path("callSid").asText();
        assertTrue(out.path("call").path("completed").asBoolean(), r.err());
        assertEquals(0, out.path("call").path("errors").size(), r.err());
        assertTrue(r.err().contains("greeting: first audio"), r.err());

        CallService calls = appliance.getBean(CallService.class);
        Call call = calls.getBySid(tenant, callSid);
        assertEquals(CallStatus.COMPLETED, call.status(), "the simulator's status callback was applied");
        List<CallTurn> turns = calls.turns(tenant, call.id());
        List<String> callerTurns = turns.stream().filter(t -> t.role() == TurnRole.USER).map(CallTurn::text).toList();
        assertEquals(HEARD, callerTurns, "the upstream simulator's transcriptions, one per utterance");
        assertTrue(turns.stream().anyMatch(t -> t.role() == TurnRole.ASSISTANT && t.text().equals(REPLY)));
        assertNotNull(call.recordingPath());
        assertTrue(Files.size(Path.of(call.recordingPath())) > 44, "recording written");

        List<String> stored = new ArrayList<>();
        for (CallTurn t : turns) {
            if (t.role() == TurnRole.USER || t.role() == TurnRole.ASSISTANT) {
                stored.add((t.role() == TurnRole.USER ? "caller" : "agent") + ": " + t.text());
            }
        }
        List<String> printed = new ArrayList<>();
        for (JsonNode line : out.path("transcript")) {
            printed.add(line.path("role").asText() + ": " + line.path("text").asText());
        }
        assertEquals(stored, printed, "printed transcript = stored turns");
        for (JsonNode turn : out.path("call").path("turns")) {
            assertTrue(turn.path("latencyMs").asDouble() > 0, "every turn was answered: " + turn);
        }
    }

    @Test
    void loadtestWithBargeInCompletesWithoutErrors() throws Exception {
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), "turns:\n"
                + "  - audio: " + SharedData.hebrewUtterance("hebdb_gt_01.wav") + "\n    pause_ms: 800\n"
                + "  - audio: " + SharedData.hebrewUtterance("hebdb_gt_09.wav") + "\n    barge_in_after_ms: 1000\n");
        CliRun.Result r = cli.ok("loadtest", "--url", "http://127.0.0.1:" + port, "--to", NUMBER, "--calls", "3",
                "--concurrency", "3", "--script", scenario.toString(), "--slo", "errors=0,lost_frames=0", "-o", "json",
                "--metrics-url", "http://127.0.0.1:" + appliance.getBean(io.moked.health.ManagementPort.class).port()
                        + "/prometheus");
        JsonNode json = r.json();
        assertEquals(3, json.path("calls").path("completed").asInt(), r.out());
        // "zero lost frames" as the appliance itself counted them (its /prometheus), not the load generator
        JsonNode counted = json.path("appliance_frames");
        assertTrue(counted.path("available").asBoolean(), counted.toString());
        assertEquals(json.path("frames").path("caller_sent").asLong(), counted.path("received").asLong(),
                "the appliance received every caller frame sent");
        assertEquals(0, counted.path("lost").asLong());
        assertEquals(0, counted.path("duplicate").asLong());
        assertEquals(3, json.path("metrics_ms").path("clear").path("count").asInt(), "every barge-in was cleared");
        assertEquals(6, json.path("metrics_ms").path("turn").path("count").asInt());
        assertTrue(json.path("slo_met").asBoolean());
    }
}
