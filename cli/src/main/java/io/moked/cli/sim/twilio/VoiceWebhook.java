package io.moked.cli.sim.twilio;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/**
 * Posts Twilio's voice webhook (and status callbacks) the way Twilio does: form-encoded parameters, signed with the
 * account's auth token over the URL Twilio was configured with ({@code signedUrl}), sent to {@code targetUrl}
 * (the same URL, or the appliance's local address when it runs behind a proxy).
 */
public final class VoiceWebhook {
    public static final String API_VERSION = "2010-04-01";
    /** Marks the simulator's requests as such (Twilio sends "TwilioProxy/1.1"). */
    public static final String USER_AGENT = "moked-call-simulator/1.0 (Twilio protocol)";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final String authToken;

    public VoiceWebhook(HttpClient http, String authToken) {
        this.http = http;
        this.authToken = authToken;
    }

    /** The answer to a webhook: HTTP status, body and how long it took. */
    public record Answer(int status, String body, long latencyNanos) {
    }

    /** The parameters Twilio posts for an incoming call that starts ringing. */
    public static Map<String, String> incomingCallParams(CallIdentity call) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", call.accountSid());
        p.put("ApiVersion", API_VERSION);
        p.put("CallSid", call.callSid());
        p.put("CallStatus", "ringing");
        p.put("Called", call.to());
        p.put("Caller", call.from());
        p.put("Direction", "inbound");
        p.put("From", call.from());
        p.put("To", call.to());
        return p;
    }

    /** The parameters of a status callback for a call that ended after {@code durationS} seconds. */
    public static Map<String, String> completedCallParams(CallIdentity call, long durationS) {
        Map<String, String> p = incomingCallParams(call);
        p.put("CallStatus", "completed");
        p.put("CallDuration", Long.toString(durationS));
        p.put("Duration", Long.toString(Math.max(1, (durationS + 59) / 60)));
        p.put("Timestamp", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        p.put("CallbackSource", "call-progress-events");
        p.put("SequenceNumber", "0");
        return p;
    }

    public CompletableFuture<Answer> post(String signedUrl, String targetUrl, Map<String, String> params) {
        String signature = TwilioSignature.sign(authToken, signedUrl, params);
        HttpRequest request = HttpRequest.newBuilder(URI.create(targetUrl))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "*/*")
                .header("User-Agent", USER_AGENT)
                .header(TwilioSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build();
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new Answer(r.statusCode(), r.body(), System.nanoTime() - start));
    }

    static String form(Map<String, String> params) {
        StringJoiner body = new StringJoiner("&");
        params.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
