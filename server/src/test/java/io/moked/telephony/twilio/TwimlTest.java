package io.moked.telephony.twilio;

import io.moked.call.CallAnswer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every answer about a call becomes TwiML in one place. */
class TwimlTest {
    private static final String BASE = "https://moked.example.test";

    @Test
    void aStreamConnectsToThePublicWebSocketWithItsParametersAndTheConnectAction() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("tenant", "yam");
        parameters.put("callSid", "CA1");
        String xml = Twiml.of(new CallAnswer.Stream(parameters), BASE);
        assertTrue(xml.contains("<Connect action=\"https://moked.example.test/twilio/connect-action\">"), xml);
        assertTrue(xml.contains("<Stream url=\"wss://moked.example.test/twilio/media\">"), xml);
        assertTrue(xml.indexOf("name=\"tenant\"") < xml.indexOf("name=\"callSid\""), "parameters keep their order");
    }

    @Test
    void behindALoadBalancerTheStreamAndConnectActionNameTheNodeThatAnswered() {
        String xml = Twiml.of(new CallAnswer.Stream(Map.of("callSid", "CA1")), BASE, "https://node-b.example.test");
        assertTrue(xml.contains("<Connect action=\"https://node-b.example.test/twilio/connect-action\">"), xml);
        assertTrue(xml.contains("<Stream url=\"wss://node-b.example.test/twilio/media\">"), xml);
        CallAnswer.Voicemail voicemail = new CallAnswer.Voicemail("השאירו הודעה", "he-IL", 90);
        String recorded = Twiml.of(voicemail, BASE, "https://node-b.example.test");
        assertTrue(recorded.contains("<Record action=\"https://moked.example.test/twilio/voicemail\""),
                "stateless callbacks keep going through the load balancer: " + recorded);
    }

    @Test
    void busyAndUnknownNumbersSayAMessageAndHangUp() {
        for (CallAnswer answer : new CallAnswer[]{new CallAnswer.Busy("תפוס", "he-IL"),
                new CallAnswer.UnknownNumber("מספר לא מוכר", "he-IL")}) {
            String xml = Twiml.of(answer, BASE);
            assertTrue(xml.contains("<Say language=\"he-IL\">"), xml);
            assertTrue(xml.endsWith("<Hangup/></Response>"), xml);
        }
    }

    @Test
    void degradedModeAndTheVoicemailKeyRecordAVoicemail() {
        CallAnswer.Voicemail voicemail = new CallAnswer.Voicemail("השאירו הודעה", "he-IL", 90);
        String degraded = Twiml.of(new CallAnswer.Degraded("engines not ready", voicemail), BASE);
        assertEquals(Twiml.of(voicemail, BASE), degraded);
        assertTrue(degraded.contains("<Say language=\"he-IL\">השאירו הודעה</Say>"), degraded);
        assertTrue(degraded.contains("<Record action=\"https://moked.example.test/twilio/voicemail\""), degraded);
        assertTrue(degraded.contains("maxLength=\"90\""), degraded);
    }

    @Test
    void afterTheStreamDialOrHangUp() {
        String dial = Twiml.of(new CallAnswer.Dial("+972502345678"), BASE);
        assertTrue(dial.contains("<Dial><Number>+972502345678</Number></Dial>")
                || dial.contains("<Dial>+972502345678</Dial>"), dial);
        String hangup = Twiml.of(new CallAnswer.Hangup(), BASE);
        assertTrue(hangup.contains("<Hangup/>"), hangup);
        assertFalse(hangup.contains("<Dial"), hangup);
    }
}
