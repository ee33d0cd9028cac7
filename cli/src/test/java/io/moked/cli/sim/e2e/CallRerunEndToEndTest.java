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
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code agentctl call rerun} against a running appliance (in-process, SQLite, the real Silero VAD) whose language
 * model is the upstream simulator answering by the prompt it is given: a call recorded with prompt v1 is re-run
 * with v2 from its own recording, and the two different answers come out side by side; the new call is stored with
 * v2 while v1 stays the active prompt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallRerunEndToEndTest {
    private static final String NUMBER = "+97235550178";
    private static final String ACCOUNT_SID = "AC00000000000000000000000000e2e002";
    private static final String TOKEN = "e2e-rerun-token-0123456789abcdef";
    private static final String HEARD = "שלום, אני מחפש דירת שלושה חדרים ביפו";
    private static final String REPLY_V1 = "בשמחה. יש לנו דירה ברחוב יפת, מתי נוח לך לבוא?";
    private static final String REPLY_V2 = "מצוין. מה התקציב שלך לדירה?";

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
                + "chat:\n  rules:\n"
                + "    - {match: \".\", system_match: \"PROMPT-ONE\", reply: \"" + REPLY_V1 + "\"}\n"
                + "    - {match: \".\", system_match: \"PROMPT-TWO\", reply: \"" + REPLY_V2 + "\"}\n"
                + "  default_reply: \"no rule matched\"\n");
        sim = UpstreamSimulator.start(SimSettings.defaults(0).withLatency(100, 80, 80, 0.2)
                .withScript(SimScript.load(script)));
        fixture = E2eAppliance.start(E2eAppliance.remoteEngines(dir.resolve("var"), sim.baseUrl()));
        appliance = fixture.context();
        port = fixture.port();
        cli = fixture.cli();
        tenant = fixture.tenant("rerun-homes", NUMBER, ACCOUNT_SID, TOKEN, true,
                "PROMPT-ONE. את {{assistant_name}}.", "PROMPT-TWO. את {{assistant_name}}, שאלי על התקציב.");
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
    void aRecordedCallReRunWithAnotherPromptVersionShowsBothAnswersSideBySide() throws Exception {
        String url = "http://127.0.0.1:" + port;
        String oldSid = cli.ok("call", "simulate", "--url", url, "--to", NUMBER, "--audio",
                SharedData.hebrewUtterance("hebdb_gt_01.wav").toString(), "-o", "json").json()
                .path("call").path("callSid").asText();
        JsonNode shown = cli.ok("call", "show", "--tenant", "rerun-homes", oldSid, "-o", "json").json();
        assertEquals(1, shown.path("prompt").path("version").asInt());
        assertTrue(shown.path("recording").path("path").asText().endsWith(".wav"), shown.toString());

        CliRun.Result rerun = cli.ok("call", "rerun", "--tenant", "rerun-homes", oldSid, "--prompt-version", "2",
                "--url", url, "-o", "json");
        JsonNode json = rerun.json();
        assertEquals(oldSid, json.path("oldCallSid").asText());
        assertEquals(1, json.path("oldPromptVersion").asInt());
        assertEquals(2, json.path("newPromptVersion").asInt());
        JsonNode slot = json.path("slots").get(1);
        assertEquals(HEARD, slot.path("caller").asText(), rerun.err());
        assertEquals(HEARD, slot.path("heardNow").asText(), "the caller channel was heard again");
        assertEquals(REPLY_V1, slot.path("oldReply").asText());
        assertEquals(REPLY_V2, slot.path("newReply").asText());
        assertEquals(json.path("slots").get(0).path("oldReply"), json.path("slots").get(0).path("newReply"),
                "the greeting comes from the tenant, not the prompt");

        CallService calls = appliance.getBean(CallService.class);
        Call rerunCall = calls.getBySid(tenant, json.path("newCallSid").asText());
        PromptService prompts = appliance.getBean(PromptService.class);
        assertEquals(2, prompts.byId(tenant, rerunCall.promptVersionId()).orElseThrow().version());
        assertEquals(1, prompts.active(tenant, Channel.VOICE).orElseThrow().version(), "v1 stays active");
        assertEquals("+972500000001", rerunCall.from(), "a simulation number, not the recorded caller's lead");

        CliRun.Result unknown = cli.run("call", "rerun", "--tenant", "rerun-homes", oldSid, "--prompt-version", "9",
                "--url", url);
        assertEquals(3, unknown.exitCode(), unknown.err());
        assertEquals("error: voice prompt version 9 not found for tenant 'rerun-homes'", unknown.errLine());

        String table = cli.ok("call", "rerun", "--tenant", "rerun-homes", oldSid, "--prompt-version", "2", "--url",
                url).out();
        assertTrue(table.contains("OLD v1") && table.contains("NEW v2"), table);
        assertTrue(table.contains(REPLY_V1) && table.contains(REPLY_V2), table);
        assertTrue(table.contains("1 of 2 replies differ"), table);
    }

    @Test
    void aRealCallWithoutTheSignedChoiceStillRunsTheActivePrompt() {
        JsonNode call = cli.ok("call", "simulate", "--url", "http://127.0.0.1:" + port, "--to", NUMBER, "--audio",
                SharedData.hebrewUtterance("hebdb_gt_01.wav").toString(), "-o", "json").json();
        List<String> replies = call.path("transcript").findValuesAsText("text");
        assertTrue(replies.contains(REPLY_V1), replies.toString());
        assertTrue(!replies.contains(REPLY_V2), replies.toString());
    }
}
