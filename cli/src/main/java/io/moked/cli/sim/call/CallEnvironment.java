package io.moked.cli.sim.call;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What all simulated calls of one run share: one HTTP client (webhooks and WebSockets), one scheduler that paces
 * every call (no thread per call), where the appliance is, and the account that signs.
 *
 * @param target           where requests go, e.g. {@code http://127.0.0.1:8080}
 * @param publicBase       the base URL the appliance believes it is reached at ({@code moked.public-url}); Twilio
 *                         signs URLs under it. Equal to {@code target} when the appliance is reached directly.
 * @param authToken        the tenant's Twilio auth token (the signing key)
 * @param accountSid       the tenant's Twilio account SID
 * @param statusCallbacks  post a {@code completed} status callback when a call ends, as Twilio does when the number
 *                         has a status callback URL
 * @param webhookParams    parameters added to the voice webhook besides Twilio's own (a signed prompt version for
 *                         {@code call rerun}); empty for calls exactly as Twilio places them
 */
public record CallEnvironment(HttpClient http, ScheduledExecutorService scheduler, URI target, URI publicBase,
                              String authToken, String accountSid, boolean statusCallbacks,
                              Map<String, String> webhookParams) {
    /** Paths of the appliance's Twilio endpoints (issue 3: the call path). */
    public static final String VOICE_PATH = "/twilio/voice";
    public static final String STATUS_PATH = "/twilio/status";

    public CallEnvironment(HttpClient http, ScheduledExecutorService scheduler, URI target, URI publicBase,
                           String authToken, String accountSid, boolean statusCallbacks) {
        this(http, scheduler, target, publicBase, authToken, accountSid, statusCallbacks, Map.of());
    }

    public CallEnvironment {
        webhookParams = Map.copyOf(webhookParams == null ? Map.of() : webhookParams);
        Objects.requireNonNull(http);
        Objects.requireNonNull(scheduler);
        target = withoutTrailingSlash(target);
        publicBase = withoutTrailingSlash(publicBase == null ? target : publicBase);
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("the tenant's Twilio auth token is needed to sign requests");
        }
    }

    public String voiceTargetUrl() {
        return target + VOICE_PATH;
    }

    public String voiceSignedUrl() {
        return publicBase + VOICE_PATH;
    }

    public String statusTargetUrl() {
        return target + STATUS_PATH;
    }

    public String statusSignedUrl() {
        return publicBase + STATUS_PATH;
    }

    /**
     * Where to open the media WebSocket the TwiML names. Twilio connects to the {@code wss://} URL itself; when the
     * TwiML points at the public base (a proxy this machine may not reach), the same path is opened on the target
     * instead, with {@code ws://} for an {@code http://} target.
     */
    public URI connectUri(String streamUrl) {
        URI stream = URI.create(streamUrl);
        String publicAuthority = publicBase.getRawAuthority();
        if (stream.getRawAuthority() != null && stream.getRawAuthority().equalsIgnoreCase(publicAuthority)
                && !publicBase.equals(target) || isLoopbackPlain(stream)) {
            String scheme = "https".equalsIgnoreCase(target.getScheme()) ? "wss" : "ws";
            String path = stream.getRawPath() == null ? "" : stream.getRawPath();
            String query = stream.getRawQuery() == null ? "" : "?" + stream.getRawQuery();
            return URI.create(scheme + "://" + target.getRawAuthority() + path + query);
        }
        return stream;
    }

    /** A wss:// URL on the target's own host when the target is plain http (local runs): connect without TLS. */
    private boolean isLoopbackPlain(URI stream) {
        return "http".equalsIgnoreCase(target.getScheme()) && "wss".equalsIgnoreCase(stream.getScheme())
                && stream.getRawAuthority() != null && stream.getRawAuthority().equalsIgnoreCase(
                target.getRawAuthority());
    }

    private static URI withoutTrailingSlash(URI uri) {
        Objects.requireNonNull(uri, "url");
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
