package io.moked.cli.sim.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TwiML as the SDK writes it is understood the way Twilio acts on it. */
class TwimlTest {
    @Test
    void connectStreamWithParameters() throws Exception {
        String xml = new VoiceResponse.Builder().connect(new Connect.Builder().stream(new Stream.Builder()
                .url("wss://moked.example.com/twilio/media")
                .parameter(new Parameter.Builder().name("tenant").value("acme").build())
                .parameter(new Parameter.Builder().name("callId").value("42").build()).build()).build())
                .build().toXml();
        Twiml twiml = Twiml.parse(xml);
        assertEquals(Twiml.Outcome.STREAM, twiml.outcome());
        assertEquals("wss://moked.example.com/twilio/media", twiml.streamUrl());
        assertEquals(Map.of("tenant", "acme", "callId", "42"), twiml.streamParameters());
    }

    @Test
    void degradedModeSaysThenRecords() throws Exception {
        String xml = new VoiceResponse.Builder().say(new Say.Builder("נחזור אליך בהקדם").language(Say.Language.HE_IL)
                .build()).record(new Record.Builder().maxLength(60).build()).build().toXml();
        Twiml twiml = Twiml.parse(xml);
        assertEquals(Twiml.Outcome.VOICEMAIL, twiml.outcome());
        assertEquals(List.of("נחזור אליך בהקדם"), twiml.said());
    }

    @Test
    void busyMessageHangsUp() throws Exception {
        String xml = new VoiceResponse.Builder().say(new Say.Builder("busy").build()).hangup(new Hangup.Builder()
                .build()).build().toXml();
        Twiml twiml = Twiml.parse(xml);
        assertEquals(Twiml.Outcome.HANGUP, twiml.outcome());
        assertTrue(twiml.hangsUp());
        assertFalse(twiml.records());
    }

    @Test
    void nonTwimlIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Twiml.parse("<html><body>502 Bad Gateway</body></html>"));
        assertTrue(e.getMessage().contains("not voice TwiML"), e.getMessage());
    }
}
