package io.moked.telephony.twilio;

import io.micronaut.context.ApplicationContext;
import io.moked.audio.WavReader;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.testing.FakeEngineBeans;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.moked.telephony.twilio.TwilioCallIntegrationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The appliance process is killed (SIGKILL) in the middle of a call: what was said before is in the database,
 * because turns are committed as they happen, and the recording on disk is a valid WAV up to shortly before.
 */
class CallCrashIntegrationTest {
    private static final String NUMBER = "+97236091234";
    private static final String CALLER = "+972502345679";

    @Test
    void turnsSpokenBeforeTheServerIsKilledAreInTheDatabase() throws Exception {
        Path dataDir = Files.createTempDirectory("moked-crash-it");
        Map<String, String> props = CallTestSupport.properties(dataDir);
        Map<String, Object> contextProps = new java.util.HashMap<>(props);
        contextProps.remove("micronaut.server.port");
        try (ApplicationContext setup = ApplicationContext.run(contextProps)) {
            CallTestSupport.tenant(setup.getBean(TenantService.class), setup.getBean(PromptService.class), "yam",
                    NUMBER, 4);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process appliance = startAppliance(props, port, dataDir);
        String callSid = "CA" + "0".repeat(24) + "deadbeef";
        try {
            waitForReady(port, appliance);
            HttpResponse<String> twiml = CallTestSupport.postSigned(port, "/twilio/voice",
                    CallTestSupport.voiceParams(callSid, CALLER, NUMBER));
            assertEquals(200, twiml.statusCode(), twiml.body());
            assertTrue(twiml.body().contains("<Connect"), twiml.body());
            FakeTwilioPhone phone = new FakeTwilioPhone("MZ" + callSid.substring(2));
            phone.connect(CallTestSupport.mediaUri(port), CallTestSupport.mediaSignature()).get(10, TimeUnit.SECONDS);
            phone.connected();
            phone.start(callSid, CallTestSupport.ACCOUNT_SID, CallTestSupport.streamParameters(twiml.body()));
            phone.startMic();
            waitUntil(() -> !phone.events("media").isEmpty(), 10_000);
            // the whole greeting (two sentences, 1.3 s of fake TTS audio) has played
            waitUntil(() -> phone.audioMs() >= 1300 && phone.echoedMarks.size() >= phone.events("mark").size()
                    && System.nanoTime() - last(phone) > TimeUnit.MILLISECONDS.toNanos(300), 15_000);
            phone.say(CallTestSupport.hebrewUtterance("hebdb_gt_17.wav"));
            int greetingChunks = phone.events("media").size();
            // the agent has started answering: the caller's turn was transcribed and stored before this
            waitUntil(() -> phone.events("media").size() > greetingChunks + 10, 15_000);
            appliance.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful end of the call
            assertTrue(appliance.waitFor(10, TimeUnit.SECONDS));
            phone.abort();
        } finally {
            appliance.destroyForcibly();
        }

        try (ApplicationContext fresh = ApplicationContext.run(contextProps)) {
            TenantService tenants = fresh.getBean(TenantService.class);
            CallService calls = fresh.getBean(CallService.class);
            Tenant tenant = tenants.get("yam");
            Call call = calls.getBySid(tenant, callSid);
            assertNull(call.endedAt(), "the call never ended: the process died");
            List<CallTurn> turns = calls.turns(tenant, call.id());
            assertTrue(turns.size() >= 2, turns.toString());
            assertEquals(TurnRole.ASSISTANT, turns.get(0).role());
            assertTrue(turns.get(0).text().contains("שלום, הגעתם"), "greeting stored: " + turns.get(0).text());
            assertEquals(TurnRole.USER, turns.get(1).role());
            assertEquals(FakeEngineBeans.CALLER_TEXT, turns.get(1).text());
            Path wav = Path.of(call.recordingPath());
            WavReader.Audio audio = WavReader.read(wav);
            assertEquals(2, audio.source().channels());
            assertTrue(audio.durationMs() > 1000, "recording up to shortly before the kill: " + audio.durationMs());
        }
    }

    private static long last(FakeTwilioPhone phone) {
        List<FakeTwilioPhone.Received> media = phone.events("media");
        return media.isEmpty() ? System.nanoTime() : media.get(media.size() - 1).nanos();
    }

    /** The appliance in its own JVM (test classpath, so the fake engine beans are there), like production. */
    private static Process startAppliance(Map<String, String> props, int port, Path dataDir) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dmicronaut.server.port=" + port);
        cmd.add("io.moked.Application");
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File(dataDir.toFile(), "appliance.log")).start();
    }

    private static void waitForReady(int port, Process appliance) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!appliance.isAlive()) {
                throw new AssertionError("appliance exited with " + appliance.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
                // the call path needs these (other checks, e.g. installed models, may stay "degraded" here)
                if (r.statusCode() == 200 && java.util.stream.Stream.of("vad", "stt", "llm", "tts")
                        .allMatch(name -> r.body().contains("\"name\":\"" + name + "\",\"ready\":true"))) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("call path of the appliance not ready within 90 s");
    }
}
