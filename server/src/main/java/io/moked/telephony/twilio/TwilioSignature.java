package io.moked.telephony.twilio;

import com.twilio.security.RequestValidator;

import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK. The URL must be exactly the one Twilio requested: the
 * public base URL the appliance is reached at (behind a reverse proxy it differs from what the server sees) plus
 * the path and query of the request; for the media stream WebSocket it is the {@code wss://} URL.
 */
public final class TwilioSignature {
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    public static boolean valid(String authToken, String url, Map<String, String> params, String signature) {
        if (authToken == null || authToken.isEmpty() || signature == null || signature.isEmpty()) {
            return false;
        }
        return new RequestValidator(authToken).validate(url, params, signature);
    }

    /** {@code https://host/base} + {@code /twilio/voice?x=y}; for WebSockets the scheme becomes ws/wss. */
    public static String url(String publicBaseUrl, String pathAndQuery, boolean webSocket) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        if (webSocket) {
            if (base.startsWith("https://")) {
                base = "wss://" + base.substring("https://".length());
            } else if (base.startsWith("http://")) {
                base = "ws://" + base.substring("http://".length());
            }
        }
        return base + pathAndQuery;
    }
}
