package io.moked.cli.sim.twilio;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signatures computed by the simulator are accepted by the twilio SDK's own validator. */
class TwilioSignatureTest {
    private static final String TOKEN = "12345678901234567890123456789012";

    @Test
    void webhookSignatureOverUrlAndSortedParamsValidates() {
        CallIdentity call = CallIdentity.fresh(CallIdentity.sid("AC"), "+972501234567", "+97231234567");
        Map<String, String> params = VoiceWebhook.incomingCallParams(call);
        String url = "https://moked.example.com/twilio/voice";
        String signature = TwilioSignature.sign(TOKEN, url, params);
        RequestValidator validator = new RequestValidator(TOKEN);
        assertTrue(validator.validate(url, params, signature));
        // the SDK also accepts the URL with an explicit default port, as Twilio may sign either form
        assertTrue(validator.validate("https://moked.example.com:443/twilio/voice", params, signature));
        assertFalse(new RequestValidator("another-token-000000000000000000").validate(url, params, signature));
        Map<String, String> tampered = new java.util.HashMap<>(params);
        tampered.put("From", "+972500000000");
        assertFalse(validator.validate(url, tampered, signature));
    }

    @Test
    void mediaStreamUpgradeIsSignedOverTheWssUrlWithoutParams() {
        String url = "wss://moked.example.com/twilio/media";
        String signature = TwilioSignature.sign(TOKEN, url, Map.of());
        assertTrue(new RequestValidator(TOKEN).validate(url, Map.of(), signature));
        assertFalse(new RequestValidator(TOKEN).validate("https://moked.example.com/twilio/media", Map.of(),
                signature));
    }

    @Test
    void hebrewAndSpecialCharactersAreSignedAsUtf8() {
        Map<String, String> params = Map.of("SpeechResult", "שלום & ברוכים", "Digits", "0#");
        String url = "https://moked.example.com/twilio/voice?tenant=a b";
        assertTrue(new RequestValidator(TOKEN).validate(url, params, TwilioSignature.sign(TOKEN, url, params)));
    }
}
