package io.moked.call;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lets a simulated call ({@code agentctl call rerun}) run with a chosen prompt version instead of the active one.
 *
 * <p>The choice travels as two extra voice-webhook parameters: {@value #VERSION_PARAM} (the version number) and
 * {@value #SIGNATURE_PARAM}, an HMAC-SHA256 keyed with the tenant's Twilio auth token over a fixed purpose label,
 * the CallSid and the version. Only the simulator, run by someone who holds the tenant's auth token, can make it:
 * Twilio never sends these parameters for a real call, a caller cannot add form parameters to Twilio's webhook, and
 * anything a caller could smuggle in (SIP headers become {@code SipHeader_*} parameters) cannot carry a valid MAC.
 * The MAC binds the CallSid, so a captured pair does not work for another call. An invalid or unsigned choice is
 * ignored with a warning and the call runs with the active prompt; {@code moked.call.simulation-prompt-override:
 * false} ignores every choice.
 */
@Singleton
public class SimulationPrompt {
    public static final String VERSION_PARAM = "MokedSimulationPromptVersion";
    public static final String SIGNATURE_PARAM = "MokedSimulationSignature";
    private static final String PURPOSE = "moked-simulation-prompt-version";
    private static final Pattern VERSION = Pattern.compile("[1-9]\\d{0,8}");
    private static final Logger LOG = LoggerFactory.getLogger(SimulationPrompt.class);

    private final boolean enabled;

    public SimulationPrompt(@Value("${moked.call.simulation-prompt-override:true}") boolean enabled) {
        this.enabled = enabled;
    }

    /** The signature the simulator sends for {@code version} on call {@code callSid}. */
    public static String sign(String authToken, String callSid, int version) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((PURPOSE + "\n" + callSid + "\n" + version)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * The prompt version a verified webhook asks for, when it carries a valid simulation choice.
     *
     * @param params    the webhook's parameters (its Twilio signature already checked)
     * @param authToken the tenant's Twilio auth token
     */
    public Optional<Integer> requested(Map<String, String> params, String callSid, @Nullable String authToken) {
        String version = params.get(VERSION_PARAM);
        String signature = params.get(SIGNATURE_PARAM);
        if (version == null && signature == null) {
            return Optional.empty();
        }
        if (!enabled) {
            LOG.warn("call {}: simulation prompt choice ignored (moked.call.simulation-prompt-override is off)",
                    callSid);
            return Optional.empty();
        }
        if (version == null || signature == null || authToken == null || !VERSION.matcher(version).matches()) {
            LOG.warn("call {}: incomplete or malformed simulation prompt choice ignored", callSid);
            return Optional.empty();
        }
        int v = Integer.parseInt(version);
        byte[] expected = sign(authToken, callSid, v).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            LOG.warn("call {}: simulation prompt choice with an invalid signature ignored", callSid);
            return Optional.empty();
        }
        LOG.info("call {}: simulated call runs with prompt version {} (signed choice)", callSid, v);
        return Optional.of(v);
    }
}
