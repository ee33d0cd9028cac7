package io.moked.cli.sim.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does: Base64 of HMAC-SHA1, keyed with the account's auth
 * token, over the full URL followed by every POST parameter name and value concatenated in name order (no
 * separators). For a WebSocket upgrade there are no parameters and the URL is the {@code wss://} one.
 *
 * <p>The twilio SDK only exposes verification ({@code RequestValidator.validate}); its signing method is private,
 * so the simulator computes the signature here and its tests verify it with the SDK's validator.
 */
public final class TwilioSignature {
    public static final String HEADER = "X-Twilio-Signature";
    private static final String HMAC = "HmacSHA1";

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, String> params) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("an auth token is needed to sign Twilio requests");
        }
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            data.append(e.getKey()).append(e.getValue());
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
        }
    }
}
