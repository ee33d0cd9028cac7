package io.moked.cli.sim.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.report.Metric;
import io.moked.cli.sim.twilio.CallIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller simulator against a small fake appliance that speaks Twilio's protocol. */
class SimulatedCallTest {
    private static final String TOKEN = "test-auth-token-0123456789abcdef";
    private static final long MS = 1_000_000;
    private static ScheduledExecutorService scheduler;
    private static HttpClient http;

    @BeforeAll
    static void setUp() {
        scheduler = Executors.newScheduledThreadPool(1);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void tearDown() {
        scheduler.shutdownNow();
    }

    /** 8 kHz μ-law "speech": an alternating pattern that is never the silence code. */
    private static byte[] speech(int ms) {
        byte[] b = new byte[ms * 8];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 2 == 0 ? 0x20 : 0xA0);
        }
        return b;
    }

    private static Scenario.Timing fastTiming() {
        return new Scenario.Timing(200, 3000, 3000, 1000);
    }

    private CallEnvironment env(FakeTwilioAppliance fake, String token) {
        return new CallEnvironment(http, scheduler, URI.create(fake.baseUrl()), null, token,
                CallIdentity.sid("AC"), true);
    }

    @Test
    void marksAreEchoedAfterTheirAudioPlayedAndClearDropsTheRest() throws Exception {
        FakeTwilioAppliance.Reply greeting = new FakeTwilioAppliance.Reply(5, 40);
        FakeTwilioAppliance.Reply longReply = new FakeTwilioAppliance.Reply(30, 100);
        FakeTwilioAppliance.Reply lastReply = new FakeTwilioAppliance.Reply(2, 60);
        try (FakeTwilioAppliance fake = new FakeTwilioAppliance(TOKEN, FakeTwilioAppliance.Answer.STREAM, false,
                greeting, List.of(longReply, lastReply))) {
            Scenario scenario = new Scenario(List.of(
                    new Scenario.Turn("first", speech(400), 0, null),
                    new Scenario.Turn("interrupt", speech(300), 0, 300L)), fastTiming());
            LoadReport report = new LoadReport();
            AtomicInteger heardFrames = new AtomicInteger();
            List<Long> heardAfterClearFrames = new ArrayList<>();
            AudioTap tap = (frame, said, heard) -> {
                boolean voiced = false;
                for (byte b : heard) {
                    voiced |= b != FakeTwilioAppliance.SILENCE;
                }
                if (voiced) {
                    heardFrames.incrementAndGet();
                    if (!fake.clearSentNanos.isEmpty()) {
                        heardAfterClearFrames.add(frame);
                    }
                }
            };
            CallIdentity id = CallIdentity.fresh(CallIdentity.sid("AC"), "+972501234567", "+97231234567");
            CallResult result = new SimulatedCall(env(fake, TOKEN), scenario, id, CallListener.NONE, report, tap)
                    .start().get(30, TimeUnit.SECONDS);

            assertTrue(result.completed(), "errors: " + result.errors());
            assertEquals(List.of(), result.errors());
            assertTrue(fake.webhookSignatureValid && fake.mediaSignatureValid);
            assertTrue(fake.stopped.await(5, TimeUnit.SECONDS), "stop was sent");

            // greeting: mark i is echoed no earlier than the (i+1) chunks before it could have played
            for (int i = 0; i < greeting.chunks(); i++) {
                String mark = "g_" + i + "_" + i;
                long elapsed = fake.markEchoNanos.get(mark) - fake.markSentNanos.get(mark);
                assertTrue(elapsed >= (i + 1) * 40L * MS, mark + " echoed after " + elapsed / MS + " ms");
            }
            List<String> greetingEchoes = fake.markEchoOrder.stream().filter(m -> m.startsWith("g_")).toList();
            assertEquals(List.of("g_0_0", "g_1_1", "g_2_2", "g_3_3", "g_4_4"), greetingEchoes);

            // barge-in: the fake cleared, every pending mark came back, and far less than 3 s of the reply was heard
            assertEquals(1, fake.clearSentNanos.size());
            assertEquals(fake.markSentNanos.keySet(), fake.markEchoNanos.keySet(), "every mark echoed");
            int sentFrames = fake.agentFramesSent;
            assertTrue(heardFrames.get() < sentFrames - 100, "heard " + heardFrames + " of " + sentFrames);
            // after the clear only the last reply (3 frames) is heard, give or take the frames in flight
            assertTrue(heardAfterClearFrames.size() <= lastReply.chunks() * 3 + 2,
                    "stale audio after clear: " + heardAfterClearFrames.size() + " frames");

            CallResult.TurnResult first = result.turns().get(0);
            CallResult.TurnResult second = result.turns().get(1);
            assertTrue(first.latencyMs() >= 0 && !first.bargeIn());
            assertTrue(second.bargeIn() && second.clearMs() >= 0, second.toString());
            assertTrue(second.latencyMs() >= 0, "the reply after the barge-in was heard");
            assertTrue(result.greetingMs() >= 0 && result.webhookMs() >= 0);
            assertEquals(1, report.stats(Metric.CLEAR).summary().count());
            assertEquals(2, report.stats(Metric.TURN).summary().count());
            assertEquals(1, report.completed());

            checkProtocol(fake, id);
            assertEquals("completed", fake.statusCallback.get("CallStatus"));
            assertEquals(id.callSid(), fake.statusCallback.get("CallSid"));
        }
    }

    /** What Twilio sends: connected, start (with the TwiML's parameters), numbered 20 ms media frames, stop. */
    private static void checkProtocol(FakeTwilioAppliance fake, CallIdentity id) {
        List<JsonNode> all;
        synchronized (fake.received) {
            all = new ArrayList<>(fake.received);
        }
        assertEquals("connected", all.get(0).path("event").asText());
        JsonNode start = all.get(1);
        assertEquals("start", start.path("event").asText());
        assertEquals(id.callSid(), start.path("start").path("callSid").asText());
        assertEquals(id.streamSid(), start.path("streamSid").asText());
        assertEquals("audio/x-mulaw", start.path("start").path("mediaFormat").path("encoding").asText());
        assertEquals(8000, start.path("start").path("mediaFormat").path("sampleRate").asInt());
        assertEquals(1, start.path("start").path("mediaFormat").path("channels").asInt());
        assertEquals(fake.twimlParameters.get("tenant"),
                start.path("start").path("customParameters").path("tenant").asText());
        assertEquals("stop", all.get(all.size() - 1).path("event").asText());
        long expectedChunk = 1;
        long previousSequence = 1;
        for (JsonNode media : fake.events("media")) {
            assertEquals(expectedChunk, media.path("media").path("chunk").asLong());
            assertEquals((expectedChunk - 1) * 20, media.path("media").path("timestamp").asLong());
            assertEquals(160, java.util.Base64.getDecoder().decode(media.path("media").path("payload").asText())
                    .length);
            long sequence = media.path("sequenceNumber").asLong();
            assertTrue(sequence > previousSequence);
            previousSequence = sequence;
            expectedChunk++;
        }
    }

    @Test
    void wrongAuthTokenIsRejectedAtTheWebhook() throws Exception {
        try (FakeTwilioAppliance fake = new FakeTwilioAppliance(TOKEN, FakeTwilioAppliance.Answer.STREAM, false,
                new FakeTwilioAppliance.Reply(1, 20), List.of())) {
            LoadReport report = new LoadReport();
            CallResult result = new SimulatedCall(env(fake, "not-the-token"), oneTurn(),
                    CallIdentity.fresh("AC1", "+972501", "+972502"), CallListener.NONE, report, AudioTap.NONE)
                    .start().get(10, TimeUnit.SECONDS);
            assertFalse(result.completed());
            assertEquals(List.of("webhook_http_403"), result.errors());
            assertEquals(Map.of("webhook_http_403", 1L), report.errors());
        }
    }

    @Test
    void rejectedMediaUpgradeAndVoicemailAreReportedByKind() throws Exception {
        try (FakeTwilioAppliance fake = new FakeTwilioAppliance(TOKEN, FakeTwilioAppliance.Answer.STREAM, true,
                new FakeTwilioAppliance.Reply(1, 20), List.of())) {
            CallResult result = new SimulatedCall(env(fake, TOKEN), oneTurn(),
                    CallIdentity.fresh("AC1", "+972501", "+972502"), CallListener.NONE, new LoadReport(),
                    AudioTap.NONE).start().get(10, TimeUnit.SECONDS);
            assertEquals(List.of("ws_handshake_403"), result.errors());
            assertTrue(fake.mediaSignatureValid, "the simulator's signature itself was valid");
        }
        try (FakeTwilioAppliance fake = new FakeTwilioAppliance(TOKEN, FakeTwilioAppliance.Answer.VOICEMAIL, false,
                new FakeTwilioAppliance.Reply(1, 20), List.of())) {
            CallResult result = new SimulatedCall(env(fake, TOKEN), oneTurn(),
                    CallIdentity.fresh("AC1", "+972501", "+972502"), CallListener.NONE, new LoadReport(),
                    AudioTap.NONE).start().get(10, TimeUnit.SECONDS);
            assertEquals(List.of("twiml_voicemail"), result.errors());
        }
    }

    @Test
    void silenceFromTheApplianceEndsInNamedTimeouts() throws Exception {
        try (FakeTwilioAppliance fake = new FakeTwilioAppliance(TOKEN, FakeTwilioAppliance.Answer.STREAM, false,
                new FakeTwilioAppliance.Reply(2, 20), List.of())) {
            Scenario scenario = new Scenario(List.of(new Scenario.Turn("x", speech(100), 0, null)),
                    new Scenario.Timing(100, 500, 3000, 500));
            CallResult result = new SimulatedCall(env(fake, TOKEN), scenario,
                    CallIdentity.fresh("AC1", "+972501", "+972502"), CallListener.NONE, new LoadReport(),
                    AudioTap.NONE).start().get(10, TimeUnit.SECONDS);
            assertTrue(result.completed());
            assertEquals(List.of("no_reply"), result.errors());
            assertEquals(-1.0, result.turns().get(0).latencyMs());
        }
    }

    private static Scenario oneTurn() {
        return new Scenario(List.of(new Scenario.Turn("x", speech(100), 0, null)), fastTiming());
    }

}
