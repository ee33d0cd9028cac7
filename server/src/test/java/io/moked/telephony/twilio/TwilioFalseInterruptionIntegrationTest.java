package io.moked.telephony.twilio;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.moked.call.CallRegistry;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallTurn;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.testing.FakeEngineBeans;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.moked.telephony.twilio.TwilioCallIntegrationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A false interruption over Twilio's real protocol: signed webhook, media stream over a real WebSocket, real Hebrew
 * speech into the real Silero VAD. The caller talks over the agent's reply, which is cleared at once; the speech
 * turns out to be a backchannel ("אהה", from the fake STT), so the reply resumes from its first unheard sentence,
 * and the resumed turn is stored marked as such.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioFalseInterruptionIntegrationTest implements TestPropertyProvider {
    private static final String NUMBER = "+97236091299";
    private static final String CALLER = "+972502345600";

    @Inject
    EmbeddedServer server;
    @Inject
    TenantService tenants;
    @Inject
    PromptService prompts;
    @Inject
    CallService calls;
    @Inject
    CallRegistry registry;
    @Inject
    MeterRegistry meters;

    private Tenant tenant;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = CallTestSupport.freshProperties("moked-false-interruption-it");
        // the first caller turn asks, the second (spoken over the reply) only acknowledges
        p.put("moked.test.stt-texts", FakeEngineBeans.CALLER_TEXT + "|אהה");
        return p;
    }

    @BeforeAll
    void setUp() {
        tenant = CallTestSupport.tenant(tenants, prompts, "sela", NUMBER, 2);
    }

    @Test
    void aBackchannelOverTheReplyClearsItAndTheReplyResumes() throws Exception {
        String callSid = "CA" + "f".repeat(32);
        var answered = CallTestSupport.postSigned(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams(callSid, CALLER, NUMBER));
        assertEquals(200, answered.statusCode());
        FakeTwilioPhone phone = new FakeTwilioPhone("MZ" + "f".repeat(32));
        phone.connect(CallTestSupport.mediaUri(server.getPort()), CallTestSupport.mediaSignature())
                .get(5, TimeUnit.SECONDS);
        phone.connected();
        // the TwiML's parameters, the call's stream token among them, go back in start (as Twilio does)
        phone.start(callSid, CallTestSupport.ACCOUNT_SID, CallTestSupport.streamParameters(answered.body()));
        phone.startMic();
        waitForTurns(callSid, 1); // the greeting, heard to the end

        FakeTwilioPhone.Clip question = phone.say(CallTestSupport.hebrewUtterance("hebdb_gt_17.wav"));
        question.finished.get(10, TimeUnit.SECONDS);
        int mediaBefore = phone.events("media").size();
        waitUntil(() -> phone.events("media").size() > mediaBefore + 25, 10_000); // ~500 ms of the reply

        FakeTwilioPhone.Clip backchannel = phone.say(CallTestSupport.hebrewUtterance("hebdb_gt_07.wav"));
        waitUntil(() -> !phone.events("clear").isEmpty(), 5_000);
        long clearNanos = phone.events("clear").get(0).nanos();
        long spokenEnd = backchannel.finished.get(10, TimeUnit.SECONDS);
        assertTrue(phone.received.stream().noneMatch(r -> r.event().equals("media") && r.nanos() > clearNanos
                && r.nanos() < spokenEnd), "agent audio was sent after the clear while the caller was speaking");

        // no words followed: the reply comes back after the caller's sound and plays to its end
        waitUntil(() -> phone.events("media").stream().anyMatch(r -> r.nanos() > spokenEnd), 10_000);
        waitForTurns(callSid, 5);
        phone.stopMic();
        phone.stop(callSid, CallTestSupport.ACCOUNT_SID);
        waitUntil(() -> registry.find(callSid).isEmpty(), 10_000);
        phone.close();

        Call call = calls.getBySid(tenant, callSid);
        List<CallTurn> turns = calls.turns(tenant, call.id());
        assertEquals(List.of("assistant", "user", "assistant", "user", "assistant"),
                turns.stream().map(t -> t.role().id()).toList(), turns.toString());
        CallTurn cut = turns.get(2);
        assertTrue(cut.interrupted() && !cut.resumed(), "the reply was cut at the onset: " + cut);
        assertEquals("אהה", turns.get(3).text(), "what the caller said is stored, but not answered");
        CallTurn resumed = turns.get(4);
        assertTrue(resumed.resumed(), "the resumed turn is marked: " + resumed);
        assertFalse(resumed.interrupted());
        String[] sentences = FakeEngineBeans.AGENT_REPLY.split("(?<=[.?]) ");
        List<String> fromASentence = List.of(String.join(" ", sentences),
                sentences[1] + " " + sentences[2], sentences[2]);
        assertTrue(fromASentence.contains(resumed.text()),
                "resumed from a sentence start to the end of the reply: " + resumed.text());
        assertTrue(cut.text().length() < FakeEngineBeans.AGENT_REPLY.length() - resumed.text().length() + 40,
                "what was heard before the cough is not said again beyond the cut sentence: " + cut.text());

        HttpResponse<String> prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getApplicationContext()
                        .getBean(io.moked.health.ManagementPort.class).port() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String event : List.of("interruption", "false_interruption", "resume")) {
            assertTrue(prometheus.body().contains("moked_call_turn_events_total{event=\"" + event + "\"} 1.0"),
                    event + " not counted on /prometheus");
        }
        // the caller's audio went through the batched Silero VAD: its inferences and chunks are counted
        for (String counter : List.of("moked_vad_batched_inferences_total", "moked_vad_batched_chunks_total")) {
            java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^" + counter + "(\\{[^}]*})? (\\S+)$")
                    .matcher(prometheus.body());
            assertTrue(value.find(), counter + " not on /prometheus");
            assertTrue(Double.parseDouble(value.group(2)) > 0, counter + " = " + value.group(2));
        }
    }

    private void waitForTurns(String callSid, int n) throws InterruptedException {
        // finished turns: an assistant turn is stored from its first sentence, without an end until heard
        waitUntil(() -> calls.turns(tenant, calls.getBySid(tenant, callSid).id()).stream()
                .filter(t -> t.endMs() != null).count() >= n, 20_000);
    }
}
