package io.moked.telephony.twilio;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.moked.call.CallMetrics;
import io.moked.call.CallRegistry;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.llm.LlmRouter;
import io.moked.pipeline.MetricsFrame;
import io.moked.stt.SttRouter;
import io.moked.testing.FakeEngineBeans;
import io.moked.tts.TtsRouter;
import io.moked.audio.WavReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real call through the running server, spoken in Twilio's protocol: signed webhook → TwiML, signed media
 * stream upgrade, real Hebrew speech at real-time pace, fake engines (test beans), paced agent audio with marks,
 * barge-in → clear, stop; then the call, its turns and the recording are checked in the database and on disk.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioCallIntegrationTest implements TestPropertyProvider {
    private static final String NUMBER = "+97236091234";
    private static final String CALLER = "+972502345679";
    private static final AtomicInteger CALLS = new AtomicInteger();
    /** Twilio fetches the TwiML, then opens the media stream: a gap of a few hundred ms on real calls. */
    private static final long TWILIO_CONNECT_GAP_MS = 200;

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
    CallMetrics metrics;
    @Inject
    MeterRegistry meters;
    @Inject
    SttRouter stt;
    @Inject
    LlmRouter llm;
    @Inject
    TtsRouter tts;

    private Tenant tenant;
    private Path dataDir;

    @Override
    public Map<String, String> getProperties() {
        try {
            dataDir = Files.createTempDirectory("moked-call-it");
            Map<String, String> p = new java.util.HashMap<>(CallTestSupport.properties(dataDir));
            p.put("moked.call.max-concurrent-calls", "3");
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long coldGreetingMs = -1;

    @BeforeAll
    void setUp() throws Exception {
        tenant = CallTestSupport.tenant(tenants, prompts, "yam", NUMBER, 2);
        stt.warmUp().join();
        llm.warmUp().join();
        tts.warmUp().join();
        // a first call warms the JVM (class loading, JIT) so the measured call shows steady-state latencies
        String callSid = newCallSid();
        FakeTwilioPhone phone = open(callSid, "MZ" + callSid.substring(2), answer(callSid));
        waitUntil(() -> !phone.events("media").isEmpty(), 10_000);
        coldGreetingMs = TimeUnit.NANOSECONDS.toMillis(phone.events("media").get(0).nanos() - phone.startSentNanos);
        phone.stop(callSid, CallTestSupport.ACCOUNT_SID);
        waitUntil(() -> registry.find(callSid).isEmpty(), 10_000);
        phone.close();
    }

    private static String newCallSid() {
        return String.format("CA%032d", CALLS.incrementAndGet() + System.nanoTime() % 1_000_000L * 100);
    }

    private int port() {
        return server.getPort();
    }

    private String answer(String callSid) throws Exception {
        HttpResponse<String> response = CallTestSupport.postSigned(port(), "/twilio/voice",
                CallTestSupport.voiceParams(callSid, CALLER, NUMBER));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** Opens the call's media stream as Twilio does after {@code twiml}: its parameters come back in the start. */
    private FakeTwilioPhone open(String callSid, String streamSid, String twiml) throws Exception {
        FakeTwilioPhone phone = new FakeTwilioPhone(streamSid);
        phone.connect(CallTestSupport.mediaUri(port()), CallTestSupport.mediaSignature()).get(5, TimeUnit.SECONDS);
        phone.connected();
        phone.start(callSid, CallTestSupport.ACCOUNT_SID, CallTestSupport.streamParameters(twiml));
        return phone;
    }

    @Test
    void aCallFromWebhookToRecordingWithBargeIn() throws Exception {
        String callSid = newCallSid();
        String twiml = answer(callSid);
        Matcher url = Pattern.compile("<Stream url=\"([^\"]+)\"").matcher(twiml);
        assertTrue(url.find(), twiml);
        assertEquals("wss://moked.example.test/twilio/media", url.group(1), "stream URL is the public wss URL");
        assertTrue(twiml.contains("<Parameter name=\"tenant\" value=\"yam\"/>"), twiml);
        assertFalse(url.group(1).contains("?"), "no query string on the stream URL");

        byte[] firstUtterance = CallTestSupport.hebrewUtterance("hebdb_gt_17.wav");
        byte[] secondUtterance = CallTestSupport.hebrewUtterance("hebdb_gt_07.wav");
        Thread.sleep(TWILIO_CONNECT_GAP_MS);
        FakeTwilioPhone phone = open(callSid, "MZ" + callSid.substring(2), twiml);
        long streamStart = phone.startSentNanos;
        phone.startMic();

        // the greeting plays first, paced, each chunk followed by a mark that we echo
        waitUntil(() -> !phone.events("media").isEmpty(), 5_000);
        long greetingFirstAudioMs = TimeUnit.NANOSECONDS.toMillis(phone.events("media").get(0).nanos() - streamStart);
        waitForTurns(callSid, 1); // the greeting was heard to the end (stored when its last mark came back)
        long greetingMs = phone.audioMs();
        assertTrue(greetingMs > 500, "greeting audio: " + greetingMs + " ms");

        // the caller speaks (real Hebrew speech), then is silent: the agent answers
        FakeTwilioPhone.Clip first = phone.say(firstUtterance);
        long speechEnd = first.finished.get(10, TimeUnit.SECONDS);
        int mediaBefore = phone.events("media").size();
        waitUntil(() -> phone.events("media").size() > mediaBefore + 25, 10_000); // ~500 ms of the reply
        long firstReplyAudioMs = TimeUnit.NANOSECONDS.toMillis(
                phone.events("media").get(mediaBefore).nanos() - speechEnd);

        // barge-in: the caller talks over the reply; Twilio must get "clear" and no more of that reply
        FakeTwilioPhone.Clip second = phone.say(secondUtterance);
        long bargeInStart = second.started.get(5, TimeUnit.SECONDS);
        waitUntil(() -> !phone.events("clear").isEmpty(), 5_000);
        FakeTwilioPhone.Received clear = phone.events("clear").get(0);
        long speechToClearMs = TimeUnit.NANOSECONDS.toMillis(clear.nanos() - bargeInStart);
        long secondEnd = second.finished.get(10, TimeUnit.SECONDS);
        assertTrue(phone.received.stream().noneMatch(r -> r.event().equals("media") && r.nanos() > clear.nanos()
                        && r.nanos() < secondEnd),
                "agent audio was sent after the clear while the caller was still speaking");

        // the second answer plays to the end, then Twilio stops the stream
        waitUntil(() -> phone.events("media").stream().anyMatch(r -> r.nanos() > secondEnd), 10_000);
        waitForTurns(callSid, 5); // the second answer was heard to the end
        phone.stopMic();
        phone.stop(callSid, CallTestSupport.ACCOUNT_SID);
        waitUntil(() -> registry.find(callSid).isEmpty(), 10_000);
        phone.close();

        // the call, its turns with latencies, the recording
        Call call = calls.getBySid(tenant, callSid);
        assertNotNull(call.endedAt());
        assertEquals("stream_stopped", call.endReason());
        assertNotNull(call.promptVersionId());
        List<CallTurn> turns = calls.turns(tenant, call.id());
        List<String> roles = turns.stream().map(t -> t.role().id()).toList();
        assertEquals(List.of("assistant", "user", "assistant", "user", "assistant"), roles, turns.toString());
        CallTurn greeting = turns.get(0);
        assertTrue(greeting.text().startsWith(tenant.message("recording-disclosure").orElseThrow()
                + " שלום, הגעתם לדירות הים"), "recorded calls: the disclosure first: " + greeting.text());
        CallTurn user = turns.get(1);
        assertEquals(FakeEngineBeans.CALLER_TEXT, user.text());
        assertNotNull(user.sttConfidence());
        assertTrue(user.endMs() > user.startMs());
        CallTurn interrupted = turns.get(2);
        assertTrue(interrupted.interrupted(), "the barged-in reply is marked interrupted");
        assertTrue(FakeEngineBeans.AGENT_REPLY.startsWith(interrupted.text()) && !interrupted.text().isBlank()
                && interrupted.text().length() < FakeEngineBeans.AGENT_REPLY.length(),
                "interrupted reply cut to what was heard: " + interrupted.text());
        assertNotNull(interrupted.latencyMs());
        CallTurn last = turns.get(4);
        assertFalse(last.interrupted());
        assertEquals(FakeEngineBeans.AGENT_REPLY, last.text());
        assertNotNull(last.latencyMs());
        // where the time of each answer went, stage by stage, adding up to its latency
        for (CallTurn answer : List.of(interrupted, last)) {
            var stages = answer.stages();
            assertNotNull(stages, "stages stored with the turn");
            assertTrue(stages.endOfSpeechMs() >= 600, "the end-of-turn silence: " + stages);
            int sum = stages.sttMs() + stages.llmFirstTokenMs() + stages.firstSentenceMs() + stages.ttsFirstAudioMs()
                    + stages.firstFrameSentMs();
            assertTrue(sum <= answer.latencyMs() && sum >= answer.latencyMs() - 5, stages + " vs " + answer.latencyMs());
        }
        assertNull(greeting.stages().sttMs(), "the greeting has no caller speech");
        assertNotNull(greeting.stages().ttsFirstAudioMs());

        Path wav = Path.of(call.recordingPath());
        assertTrue(Files.isRegularFile(wav), "recording at " + wav);
        WavReader.Format format = WavReader.read(wav).source();
        assertEquals(2, format.channels());
        assertEquals(8000, format.sampleRateHz());

        long onsetToClearMs = maxMs(MetricsFrame.Stage.BARGE_IN_TO_CLEAR);
        System.out.printf("CALL-METRICS greeting first audio: %d ms (client, start sent -> first media), "
                        + "%d ms on the cold first call of the JVM; "
                        + "turn latency (server, end of turn -> first audio): %s ms; first reply audio after the "
                        + "caller's last frame (client, includes %d ms end-of-turn silence): %d ms; barge-in: onset -> "
                        + "clear %d ms (server), caller speech start -> clear received %d ms (client, includes the "
                        + "VAD's onset time)%n",
                greetingFirstAudioMs, coldGreetingMs,
                turns.stream().filter(t -> t.role() == TurnRole.ASSISTANT && t.latencyMs() != null)
                        .map(t -> String.valueOf(t.latencyMs())).toList(),
                650, firstReplyAudioMs, onsetToClearMs, speechToClearMs);
        assertTrue(meters.find("moked.call.stage").tag("stage", "turn_latency").timer().count() >= 2);
        java.net.http.HttpResponse<String> prometheus = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.getApplicationContext()
                        .getBean(io.moked.health.ManagementPort.class).port() + "/prometheus"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, prometheus.statusCode());
        for (String metric : List.of("moked_call_stage_seconds_bucket{stage=\"barge_in_to_clear\"",
                "moked_call_stage_seconds_count{stage=\"turn_latency\"", "moked_calls_active",
                "moked_call_stage_seconds_count{stage=\"greeting_first_audio\"")) {
            assertTrue(prometheus.body().contains(metric), metric + " missing from /prometheus");
        }
    }

    @Test
    void forgedSignaturesAreRefusedOnWebhookAndMediaStream() throws Exception {
        String callSid = newCallSid();
        Map<String, String> params = CallTestSupport.voiceParams(callSid, CALLER, NUMBER);
        HttpResponse<String> forged = CallTestSupport.post(port(), "/twilio/voice", params,
                TwilioSigner.sign("not-the-token", CallTestSupport.PUBLIC_URL + "/twilio/voice", params));
        assertEquals(403, forged.statusCode());
        // signed for the URL the server sees instead of the public one (what a misconfigured proxy looks like)
        HttpResponse<String> wrongUrl = CallTestSupport.post(port(), "/twilio/voice", params,
                TwilioSigner.sign(CallTestSupport.AUTH_TOKEN, "http://localhost:" + port() + "/twilio/voice", params));
        assertEquals(403, wrongUrl.statusCode());
        assertTrue(calls.list(tenant, 100).stream().noneMatch(c -> c.callSid().equals(callSid)));

        answer(callSid); // a real call is waiting for its stream: a forged upgrade must still be refused
        FakeTwilioPhone phone = new FakeTwilioPhone("MZforged");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> phone
                .connect(CallTestSupport.mediaUri(port()),
                        TwilioSigner.sign("not-the-token", "wss://moked.example.test/twilio/media", Map.of()))
                .get(5, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
                refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
        registry.release(callSid);
    }

    @Test
    void malformedAndUnknownMessagesAreCountedAndTheCallGoesOn() throws Exception {
        double before = metrics.malformedCount("json") + metrics.malformedCount("unknown_event")
                + metrics.malformedCount("base64") + metrics.malformedCount("media_before_start");
        String callSid = newCallSid();
        String twiml = answer(callSid);
        FakeTwilioPhone phone = new FakeTwilioPhone("MZ" + callSid.substring(2));
        phone.connect(CallTestSupport.mediaUri(port()), CallTestSupport.mediaSignature()).get(5, TimeUnit.SECONDS);
        phone.connected();
        phone.send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"/////w==\"}}"); // before start
        phone.start(callSid, CallTestSupport.ACCOUNT_SID, CallTestSupport.streamParameters(twiml));
        phone.send("{this is not json");
        phone.send("{\"event\":\"bogus\",\"streamSid\":\"x\"}");
        phone.send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"%%%not-base64%%%\"}}");
        phone.startMic();
        waitForTurns(callSid, 1); // the greeting still plays to the end
        phone.say(CallTestSupport.hebrewUtterance("hebdb_gt_17.wav"));
        int mediaBefore = phone.events("media").size();
        waitUntil(() -> phone.events("media").size() > mediaBefore + 10, 10_000); // and the agent still answers
        double after = metrics.malformedCount("json") + metrics.malformedCount("unknown_event")
                + metrics.malformedCount("base64") + metrics.malformedCount("media_before_start");
        assertEquals(before + 4, after, 0.0);
        // the socket drops without a stop: the call still ends cleanly
        phone.abort();
        waitUntil(() -> registry.find(callSid).isEmpty(), 10_000);
        Call call = calls.getBySid(tenant, callSid);
        assertEquals("socket_closed", call.endReason());
        assertTrue(calls.turns(tenant, call.id()).stream().anyMatch(t -> t.role() == TurnRole.USER));
    }

    @Test
    void callsOverTheLimitHearTheBusyMessageAndUnknownNumbersAnApology() throws Exception {
        String first = newCallSid();
        String second = newCallSid();
        String third = newCallSid();
        answer(first);
        answer(second); // the tenant allows 2 at once
        String busy = answer(third);
        assertTrue(busy.contains("<Say language=\"he-IL\">" + tenant.message("busy").orElseThrow() + "</Say>"), busy);
        assertTrue(busy.contains("<Hangup/>"), busy);
        assertFalse(busy.contains("<Connect"), busy);
        assertTrue(meters.find("moked.calls.admission.rejected").tag("limit", "tenant").counter().count() >= 1);
        registry.release(first);
        registry.release(second);

        Map<String, String> params = CallTestSupport.voiceParams(newCallSid(), CALLER, "+97236099999");
        HttpResponse<String> unknown = CallTestSupport.postSigned(port(), "/twilio/voice", params);
        assertEquals(200, unknown.statusCode());
        assertTrue(unknown.body().contains("<Say language=\"he-IL\">") && unknown.body().contains("<Hangup/>"),
                unknown.body());
    }

    @Test
    void theTransferKeyHandsTheCallerToTheTenantsHumanLine() throws Exception {
        String callSid = newCallSid();
        FakeTwilioPhone phone = open(callSid, "MZ" + callSid.substring(2), answer(callSid));
        phone.startMic();
        waitUntil(() -> phone.events("media").size() > 5, 10_000); // the greeting is playing
        phone.dtmf("0"); // tenant default: 0 = transfer
        // the microphone stops with the key press, so no frame of ours races the appliance's close of the socket
        // (a write into a socket being closed fails with "broken pipe" on the client, not on the appliance)
        phone.stopMic();
        assertEquals(1000, phone.closed.get(15, TimeUnit.SECONDS), "the appliance closed the stream");
        assertFalse(phone.events("clear").isEmpty(), "the greeting was cut off");
        Map<String, String> action = CallTestSupport.voiceParams(callSid, CALLER, NUMBER);
        action.put("CallStatus", "in-progress");
        String twiml = CallTestSupport.postSigned(port(), "/twilio/connect-action", action).body();
        assertTrue(twiml.contains("<Dial><Number>+972502345678</Number></Dial>")
                || twiml.contains("<Dial>+972502345678</Dial>"), twiml);
        waitUntil(() -> registry.find(callSid).isEmpty(), 10_000);
        phone.close();
        assertEquals("transferred", calls.getBySid(tenant, callSid).endReason());
        // asked again (Twilio retry): nothing left to transfer, the call just ends
        assertTrue(CallTestSupport.postSigned(port(), "/twilio/connect-action", action).body().contains("<Hangup/>"));
    }

    @Test
    void theVoicemailKeyEndsTheStreamAndTwilioRecordsAMessage() throws Exception {
        String callSid = newCallSid();
        FakeTwilioPhone phone = open(callSid, "MZ" + callSid.substring(2), answer(callSid));
        phone.startMic();
        waitUntil(() -> phone.events("media").size() > 5, 10_000); // the greeting is playing
        phone.dtmf("9"); // test tenant: 9 = voicemail
        phone.stopMic(); // no frame of ours races the appliance's close (a broken pipe on the client otherwise)
        assertEquals(1000, phone.closed.get(15, TimeUnit.SECONDS), "the appliance closed the stream");
        assertFalse(phone.events("clear").isEmpty(), "the greeting was cut off");
        Map<String, String> action = CallTestSupport.voiceParams(callSid, CALLER, NUMBER);
        action.put("CallStatus", "in-progress");
        String twiml = CallTestSupport.postSigned(port(), "/twilio/connect-action", action).body();
        assertTrue(twiml.contains("<Say language=\"he-IL\">" + tenant.message("voicemail-prompt").orElseThrow()
                + "</Say>"), twiml);
        assertTrue(twiml.contains("<Record action=\"https://moked.example.test/twilio/voicemail\""), twiml);
        waitUntil(() -> registry.find(callSid).isEmpty(), 10_000);
        phone.close();
        assertEquals("voicemail", calls.getBySid(tenant, callSid).endReason());
        // asked again (Twilio retry): the voicemail was handed out once, the call just ends
        assertTrue(CallTestSupport.postSigned(port(), "/twilio/connect-action", action).body().contains("<Hangup/>"));
        // Twilio reports the message: stored beside the call's own recording, which stays where it was
        String ownRecording = calls.getBySid(tenant, callSid).recordingPath();
        Map<String, String> recorded = CallTestSupport.voiceParams(callSid, CALLER, NUMBER);
        recorded.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE9");
        recorded.put("RecordingDuration", "12");
        assertTrue(CallTestSupport.postSigned(port(), "/twilio/voicemail", recorded).body().contains("<Hangup/>"));
        var afterVoicemail = calls.getBySid(tenant, callSid);
        assertEquals(recorded.get("RecordingUrl"), afterVoicemail.voicemailUrl());
        assertEquals(12, afterVoicemail.voicemailSeconds());
        assertEquals(ownRecording, afterVoicemail.recordingPath());
    }

    @Test
    void statusCallbacksAreIdempotentAndOrderSafe() throws Exception {
        String callSid = newCallSid();
        answer(callSid);
        registry.release(callSid);
        Map<String, String> completed = CallTestSupport.voiceParams(callSid, CALLER, NUMBER);
        completed.put("CallStatus", "completed");
        completed.put("SequenceNumber", "3");
        Map<String, String> inProgress = CallTestSupport.voiceParams(callSid, CALLER, NUMBER);
        inProgress.put("CallStatus", "in-progress");
        inProgress.put("SequenceNumber", "1");
        assertEquals(200, CallTestSupport.postSigned(port(), "/twilio/status", completed).statusCode());
        assertEquals(200, CallTestSupport.postSigned(port(), "/twilio/status", inProgress).statusCode()); // late
        assertEquals(200, CallTestSupport.postSigned(port(), "/twilio/status", completed).statusCode()); // repeat
        assertEquals("completed", calls.getBySid(tenant, callSid).status().twilioName());
        assertEquals(403, CallTestSupport.post(port(), "/twilio/status", completed, "forged").statusCode());
    }

    /** Waits until the call has {@code n} turns stored (turns are written as they complete). */
    private void waitForTurns(String callSid, int n) throws InterruptedException {
        waitUntil(() -> {
            Call call = calls.getBySid(tenant, callSid);
            // finished turns: an assistant turn is stored from its first sentence, without an end until heard
            return calls.turns(tenant, call.id()).stream().filter(t -> t.endMs() != null).count() >= n;
        }, 20_000);
    }

    private long maxMs(MetricsFrame.Stage stage) {
        Timer timer = metrics.timer(stage);
        return (long) timer.max(TimeUnit.MILLISECONDS);
    }

    static void waitUntil(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeoutMs + " ms");
            }
            Thread.sleep(10);
        }
    }
}
