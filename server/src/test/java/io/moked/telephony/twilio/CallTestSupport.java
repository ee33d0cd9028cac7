package io.moked.telephony.twilio;

import io.moked.audio.MuLaw;
import io.moked.audio.WavReader;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.testing.SharedDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared set-up of the Twilio call integration tests: a tenant with a number, credentials and a voice prompt. */
public final class CallTestSupport {
    public static final String PUBLIC_URL = "https://moked.example.test";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "test-auth-token-0123456789";
    /** Open all day every day: a transfer (key or phrase) dials whatever time the test runs. */
    static final Map<String, String> ALWAYS_OPEN = Map.of("sunday", "00:00-23:59", "monday", "00:00-23:59",
            "tuesday", "00:00-23:59", "wednesday", "00:00-23:59", "thursday", "00:00-23:59", "friday",
            "00:00-23:59", "saturday", "00:00-23:59");
    static final String PROMPT = "את {{assistant_name}}, נציגת {{business_name}}. עני בקצרה ובעברית.";

    /** One client for all requests (a new client per request would open a new connection each time). */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CallTestSupport() {
    }

    /** Properties for a context with a temp data dir, the real VAD model and the fake engines. */
    /** An in-process appliance on SQLite in {@code dataDir} with the test engines and the real Silero model. */
    public static Map<String, String> properties(Path dataDir) throws IOException {
        Path models = Files.createDirectories(dataDir.resolve("models"));
        Path vad = models.resolve("silero_vad.onnx");
        if (!Files.exists(vad)) {
            Files.createSymbolicLink(vad, SharedDir.sileroVadModel()); // linked, never copied into the repo
        }
        Map<String, String> p = new HashMap<>();
        p.put("micronaut.server.port", "-1");
        p.put("moked.data-dir", dataDir.toString());
        p.put("moked.models-dir", models.toString());
        p.put("moked.public-url", PUBLIC_URL);
        p.put("moked.test.fake-engines", "true");
        p.put("moked.engines.stt.order", "fake-stt");
        p.put("moked.engines.llm.order", "fake-llm");
        p.put("moked.engines.tts.order", "fake-tts");
        // nothing listens there: a transfer's REST redirect fails at once and the Connect action dials instead
        p.put("moked.call-control.api-base-url", "http://127.0.0.1:9");
        return p;
    }

    /** {@link #properties(Path)} in a new temporary data dir, as a map the caller may change. */
    static Map<String, String> freshProperties(String tempDirPrefix) {
        try {
            return new java.util.HashMap<>(properties(Files.createTempDirectory(tempDirPrefix)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Tenant tenant(TenantService tenants, PromptService prompts, String slug, String number,
                         int maxConcurrentCalls) {
        TenantSpec spec = new TenantSpec(slug, "דירות הים", "נועה", null, null, null, ALWAYS_OPEN, null,
                "+972502345678",
                true, 2, maxConcurrentCalls, null, Map.of("0", "transfer", "9", "voicemail", "5", "repeat"), null, null,
                List.of(number));
        tenants.create(spec, "test");
        tenants.setTwilio(slug, ACCOUNT_SID, AUTH_TOKEN, "test");
        Tenant tenant = tenants.get(slug);
        var version = prompts.push(tenant, Channel.VOICE, PROMPT, "test prompt", "test");
        prompts.activate(tenant, Channel.VOICE, version.version(), "test");
        return tenants.get(slug);
    }

    static Map<String, String> voiceParams(String callSid, String from, String to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", ACCOUNT_SID);
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", callSid);
        p.put("CallStatus", "ringing");
        p.put("Direction", "inbound");
        p.put("From", from);
        p.put("To", to);
        return p;
    }

    /** POSTs a form to the server, signed for the public URL as Twilio would sign it (or with {@code signature}). */
    static HttpResponse<String> post(int port, String path, Map<String, String> params, String signature)
            throws IOException, InterruptedException {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postSigned(int port, String path, Map<String, String> params)
            throws IOException, InterruptedException {
        return post(port, path, params, TwilioSigner.sign(AUTH_TOKEN, PUBLIC_URL + path, params));
    }

    static String mediaSignature() {
        return TwilioSigner.sign(AUTH_TOKEN, "wss://moked.example.test" + MediaStreamSocket.PATH, Map.of());
    }

    static URI mediaUri(int port) {
        return URI.create("ws://localhost:" + port + MediaStreamSocket.PATH);
    }

    /**
     * The {@code <Parameter>}s of the TwiML's {@code <Stream>} as the JSON object Twilio sends back as the start's
     * {@code customParameters} (the stream token among them).
     */
    static String streamParameters(String twiml) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<Parameter name=\"([^\"]*)\" value=\"([^\"]*)\"/>").matcher(twiml);
        StringBuilder json = new StringBuilder("{");
        while (m.find()) {
            json.append(json.length() > 1 ? "," : "").append('"').append(m.group(1)).append("\":\"")
                    .append(m.group(2).replace("&amp;", "&").replace("&quot;", "\\\"").replace("&lt;", "<")
                            .replace("&gt;", ">")).append('"');
        }
        return json.append('}').toString();
    }

    /** A real Hebrew utterance from the evaluation set, as 8 kHz μ-law bytes. */
    static byte[] hebrewUtterance(String file) throws IOException {
        Path wav = SharedDir.hebrewSpeech8kUlaw().resolve("hebdb_gt").resolve(file);
        return MuLaw.encode(WavReader.read(wav, 8000).toPcm16());
    }
}
