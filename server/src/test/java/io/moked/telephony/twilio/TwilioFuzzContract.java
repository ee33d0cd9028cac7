package io.moked.telephony.twilio;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.moked.call.CallRegistry;
import io.moked.call.CallSlot;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.testsupport.DbTestBase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.moked.telephony.twilio.TwilioCallIntegrationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded, time-bounded fuzzing of what the internet can send the call path, on both databases: random and mutated
 * media stream messages on a live call, and signed webhook/callback requests with random parameters. Whatever
 * arrives: never a 5xx, never a dead call, never a log line per garbage message. A failure prints its seed; the same
 * seed replays the same inputs.
 */
abstract class TwilioFuzzContract extends DbTestBase {
    private static final String NUMBER = "+97236091400";
    private static final String CALLER = "+972502345679";
    /** Each fuzz run stops after this long (or its message budget), whichever comes first. */
    private static final long BUDGET_MS = 2000;
    private static final long MEDIA_SEED = 11;
    private static final long WEBHOOK_SEED = 14;

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

    private Tenant tenant;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = CallTestSupport.freshProperties("moked-fuzz");
        p.remove("moked.data-dir");
        return p;
    }

    @BeforeAll
    void setUp() {
        tenant = CallTestSupport.tenant(tenants, prompts, "yam", NUMBER, 50);
    }

    @Test
    void randomAndMutatedMediaMessagesNeverKillTheCall() throws Exception {
        String callSid = CallPathHardeningIntegrationTest.newCallSid();
        HttpResponse<String> answer = CallTestSupport.postSigned(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams(callSid, CALLER, NUMBER));
        FakeTwilioPhone phone = new FakeTwilioPhone("MZ" + callSid.substring(2));
        phone.connect(CallTestSupport.mediaUri(server.getPort()), CallTestSupport.mediaSignature())
                .get(5, TimeUnit.SECONDS);
        phone.connected();
        phone.start(callSid, CallTestSupport.ACCOUNT_SID, CallTestSupport.streamParameters(answer.body()));
        phone.startMic();
        waitUntil(() -> !phone.events("media").isEmpty(), 10_000);
        CallSlot slot = registry.find(callSid).orElseThrow();

        ListAppender<ILoggingEvent> log = capture(MediaStreamSocket.class);
        Random random = new Random(MEDIA_SEED);
        List<String> corpus = mediaCorpus(random);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
        int sent = 0;
        try {
            while (System.nanoTime() < deadline && sent < 3000) {
                String message = random.nextInt(10) == 0 ? junk(random, 1 + random.nextInt(400))
                        : mutate(random, corpus.get(random.nextInt(corpus.size())));
                phone.send(message);
                sent++;
            }
            Thread.sleep(200); // let the last messages through the pipeline
            assertFalse(phone.closed.isDone(), "seed " + MEDIA_SEED + ": the stream was closed after " + sent
                    + " fuzzed messages");
            assertTrue(slot.ending().isEmpty(), "seed " + MEDIA_SEED + ": the call ended: " + slot.ending());
            assertTrue(registry.find(callSid).isPresent());
            long logged = log.list.stream().filter(e -> e.getLoggerName().equals(MediaStreamSocket.class.getName()))
                    .count();
            assertTrue(logged <= MediaStreamSocket.MALFORMED_LOGGED_PER_STREAM + 2,
                    logged + " log lines for " + sent + " fuzzed messages");
        } finally {
            release(log, MediaStreamSocket.class);
        }
        phone.stop(callSid, CallTestSupport.ACCOUNT_SID);
        waitUntil(() -> registry.find(callSid).isEmpty(), 10_000);
        phone.close();
        Call call = calls.getBySid(tenant, callSid);
        assertEquals("stream_stopped", call.endReason(), "the call still ended the ordinary way");
        assertTrue(call.framesReceived() > 0);
        System.out.printf("FUZZ media: %d messages in %d ms (seed %d), call frames %d received, %d lost, "
                        + "%d duplicate, %d dropped%n", sent, BUDGET_MS, MEDIA_SEED, call.framesReceived(),
                call.framesLost(), call.framesDuplicate(), call.framesDropped());
    }

    @Test
    void signedWebhooksWithRandomParametersNeverGetA5xx() throws Exception {
        Random random = new Random(WEBHOOK_SEED);
        List<String> paths = List.of("/twilio/voice", "/twilio/status", "/twilio/connect-action", "/twilio/voicemail");
        // one ordinary request first: the first request of a fresh server is slow (class loading), not fuzzing
        String warmSid = CallPathHardeningIntegrationTest.newCallSid();
        assertEquals(200, CallTestSupport.postSigned(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams(warmSid, CALLER, NUMBER)).statusCode());
        registry.release(warmSid);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
        int sent = 0;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> sids = new ArrayList<>();
        while (System.nanoTime() < deadline && sent < 400) {
            String path = paths.get(random.nextInt(paths.size()));
            Map<String, String> params = webhookParams(random, sids);
            HttpResponse<String> response = random.nextInt(8) == 0
                    ? CallTestSupport.post(server.getPort(), path, params, forgedSignature(random))
                    : CallTestSupport.postSigned(server.getPort(), path, params);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertTrue(response.statusCode() < 500, "seed " + WEBHOOK_SEED + ", request " + sent + " to " + path
                    + " with " + params.keySet() + ": " + response.statusCode() + " " + response.body());
            sent++;
        }
        sids.forEach(registry::release);
        System.out.printf("FUZZ webhooks: %d requests in %d ms (seed %d), statuses %s%n", sent, BUDGET_MS,
                WEBHOOK_SEED, statuses);
        assertTrue(statuses.getOrDefault(200, 0) > 0, "some requests were accepted: " + statuses);
    }

    // -----------------------------------------------------------------------------------------------------------

    private static List<String> mediaCorpus(Random random) {
        String payload = Base64.getEncoder().encodeToString(FakeTwilioPhone.silence(20));
        List<String> corpus = new ArrayList<>();
        for (int chunk = 1; chunk <= 5; chunk++) {
            corpus.add("{\"event\":\"media\",\"sequenceNumber\":\"" + (chunk + 1) + "\",\"streamSid\":\"MZ1\","
                    + "\"media\":{\"track\":\"inbound\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + chunk * 20
                    + "\",\"payload\":\"" + payload + "\"}}");
        }
        corpus.add("{\"event\":\"mark\",\"sequenceNumber\":\"9\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"7\"}}");
        corpus.add("{\"event\":\"dtmf\",\"sequenceNumber\":\"9\",\"streamSid\":\"MZ1\",\"dtmf\":{\"track\":"
                + "\"inbound_track\",\"digit\":\"7\"}}");
        corpus.add("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        corpus.add("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"streamSid\":\"MZ1\",\"callSid\":"
                + "\"CA1\",\"tracks\":[\"inbound\"],\"customParameters\":{\"a\":\"b\"},\"mediaFormat\":{\"encoding\":"
                + "\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}},\"streamSid\":\"MZ1\"}");
        return corpus;
    }

    private static final String[] NUMBERS = {"-1", "0", "99999999999999999999", "1e308", "NaN", "\"\"", "null",
            "[]", "{}", "\"9223372036854775807\"", "\"-5\"", "1.5", "true"};

    /** One to three random edits of a valid message, kept under the size cap. */
    private static String mutate(Random random, String message) {
        StringBuilder s = new StringBuilder(message);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(7)) {
                case 0 -> s.setCharAt(at, randomChar(random));
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
                case 2 -> s.insert(at, junk(random, 1 + random.nextInt(30)));
                case 3 -> {
                    int colon = s.indexOf(":", at);
                    if (colon > 0) {
                        int end = colon + 1;
                        while (end < s.length() && ",}".indexOf(s.charAt(end)) < 0) {
                            end++;
                        }
                        s.replace(colon + 1, end, NUMBERS[random.nextInt(NUMBERS.length)]);
                    }
                }
                case 4 -> s.setLength(at);
                case 5 -> s.insert(at, s.substring(0, Math.min(s.length(), 2000)));
                default -> s.replace(at, Math.min(s.length(), at + 3), "\"" + randomChar(random) + "\"");
            }
        }
        // under the 16 KB message cap even when every character takes 3 bytes in UTF-8
        return s.length() > 5_000 ? s.substring(0, 5_000) : s.toString();
    }

    private static Map<String, String> webhookParams(Random random, List<String> sids) {
        String callSid = switch (random.nextInt(4)) {
            case 0 -> value(random, random.nextInt(80));
            case 1 -> sids.isEmpty() ? "CA" + "1".repeat(32) : sids.get(random.nextInt(sids.size()));
            default -> CallPathHardeningIntegrationTest.newCallSid();
        };
        if (callSid.matches("CA[0-9]{32}")) {
            sids.add(callSid);
        }
        Map<String, String> p = new LinkedHashMap<>(CallTestSupport.voiceParams(callSid,
                random.nextBoolean() ? CALLER : value(random, random.nextInt(random.nextBoolean() ? 300 : 5000)),
                random.nextInt(3) > 0 ? NUMBER : value(random, random.nextInt(40))));
        String[] statuses = {"queued", "ringing", "in-progress", "completed", "busy", "failed", "no-answer",
                "canceled", value(random, 12)};
        p.put("CallStatus", statuses[random.nextInt(statuses.length)]);
        p.put("SequenceNumber", random.nextBoolean() ? String.valueOf(random.nextInt(10) - 2)
                : NUMBERS[random.nextInt(NUMBERS.length)]);
        if (random.nextBoolean()) {
            p.put("RecordingUrl", random.nextBoolean() ? "https://api.twilio.com/Recordings/RE" + random.nextInt(1000)
                    : value(random, random.nextInt(600)));
            p.put("RecordingDuration", NUMBERS[random.nextInt(NUMBERS.length)]);
        }
        for (String key : List.copyOf(p.keySet())) {
            if (random.nextInt(12) == 0) {
                p.remove(key);
            }
        }
        if (random.nextInt(6) == 0) {
            p.put(value(random, 1 + random.nextInt(10)), value(random, random.nextInt(50)));
        }
        return p;
    }

    /** A parameter value: one in four with control characters (refused with 400), else printable junk. */
    private static String value(Random random, int length) {
        if (random.nextInt(4) == 0) {
            return junk(random, length);
        }
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = randomChar(random);
            s.append(c < 0x20 || c == 0 ? '+' : c);
        }
        return s.toString();
    }

    private static String forgedSignature(Random random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String junk(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(randomChar(random));
        }
        return s.toString();
    }

    /** Mostly printable ASCII and JSON syntax, some Hebrew, controls (NUL, CR, LF, ESC) and bidi overrides. */
    private static char randomChar(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "{}[]\":,\\".charAt(random.nextInt(8));
            case 1 -> (char) random.nextInt(0x20);
            case 2 -> (char) (0x05D0 + random.nextInt(27));
            case 3 -> "\u202E\u2028\u0000\u001B\uFFFF".charAt(random.nextInt(5));
            default -> (char) (0x20 + random.nextInt(0x5F));
        };
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender, Class<?> type) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }
}
