package io.moked.telephony.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Twilio Media Streams messages as Twilio documents them ("Media Streams - WebSocket Messages"). */
class TwilioCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void connectedAndStartAsTwilioSendsThem() {
        var connected = assertInstanceOf(TwilioCodec.Connected.class,
                TwilioCodec.decode("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}"));
        assertEquals("Call", connected.protocol());
        assertEquals("1.0.0", connected.version());

        var start = assertInstanceOf(TwilioCodec.Start.class, TwilioCodec.decode("""
                {"event":"start","sequenceNumber":"1","start":{"accountSid":"AC123","streamSid":"MZ456",
                "callSid":"CA789","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,
                "channels":1},"customParameters":{"tenant":"yam","from":"+972502345679"}},"streamSid":"MZ456"}"""));
        assertEquals(1L, start.sequenceNumber());
        assertEquals("MZ456", start.streamSid());
        assertEquals("AC123", start.accountSid());
        assertEquals("CA789", start.callSid());
        assertEquals(List.of("inbound"), start.tracks());
        assertEquals(Map.of("tenant", "yam", "from", "+972502345679"), start.customParameters());
        assertTrue(start.mediaFormat().isTelephoneMuLaw());
    }

    @Test
    void mediaCarriesSequenceChunkTimestampAndTheDecodedPayload() {
        byte[] ulaw = {(byte) 0xff, 0x7f, 0x00, 0x10};
        String text = "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"media\":{\"track\":\"inbound\",\"chunk\":\"1\","
                + "\"timestamp\":\"5\",\"payload\":\"" + Base64.getEncoder().encodeToString(ulaw)
                + "\"},\"streamSid\":\"MZ456\"}";
        var media = assertInstanceOf(TwilioCodec.Media.class, TwilioCodec.decode(text));
        assertEquals(3L, media.sequenceNumber());
        assertEquals(1L, media.chunk());
        assertEquals(5L, media.timestamp());
        assertEquals("MZ456", media.streamSid());
        assertArrayEquals(ulaw, media.ulaw());
        assertTrue(media.isCaller());
        // the field order does not matter, numbers may be plain JSON numbers, outbound track is not the caller
        var outbound = assertInstanceOf(TwilioCodec.Media.class, TwilioCodec.decode(
                "{\"media\":{\"payload\":\"\",\"timestamp\":40,\"track\":\"outbound\"},\"event\":\"media\"}"));
        assertEquals(40L, outbound.timestamp());
        assertNull(outbound.sequenceNumber());
        assertFalse(outbound.isCaller());
    }

    @Test
    void markDtmfAndStop() {
        var mark = assertInstanceOf(TwilioCodec.Mark.class, TwilioCodec.decode(
                "{\"event\":\"mark\",\"sequenceNumber\":\"4\",\"streamSid\":\"MZ456\",\"mark\":{\"name\":\"17\"}}"));
        assertEquals("17", mark.name());
        assertEquals(4L, mark.sequenceNumber());
        var dtmf = assertInstanceOf(TwilioCodec.Dtmf.class, TwilioCodec.decode(
                "{\"event\":\"dtmf\",\"streamSid\":\"MZ456\",\"sequenceNumber\":\"5\",\"dtmf\":{\"track\":"
                        + "\"inbound_track\",\"digit\":\"#\"}}"));
        assertEquals("#", dtmf.digit());
        assertEquals("inbound_track", dtmf.track());
        var stop = assertInstanceOf(TwilioCodec.Stop.class, TwilioCodec.decode(
                "{\"event\":\"stop\",\"sequenceNumber\":\"5\",\"stop\":{\"accountSid\":\"AC123\",\"callSid\":"
                        + "\"CA789\"},\"streamSid\":\"MZ456\"}"));
        assertEquals("CA789", stop.callSid());
        assertEquals("MZ456", stop.streamSid());
    }

    @Test
    void malformedInputIsATypedResultNeverAnException() {
        assertMalformed(TwilioCodec.Malformed.Kind.JSON, null);
        assertMalformed(TwilioCodec.Malformed.Kind.JSON, "");
        assertMalformed(TwilioCodec.Malformed.Kind.JSON, "{this is not json");
        assertMalformed(TwilioCodec.Malformed.Kind.JSON, "[1,2]");
        assertMalformed(TwilioCodec.Malformed.Kind.JSON, "{\"streamSid\":\"MZ1\"}");
        assertMalformed(TwilioCodec.Malformed.Kind.JSON, "{\"event\":\"media\"} trailing");
        assertMalformed(TwilioCodec.Malformed.Kind.MEDIA_PAYLOAD, "{\"event\":\"media\",\"media\":{}}");
        assertMalformed(TwilioCodec.Malformed.Kind.BASE64,
                "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"%%%not-base64%%%\"}}");
        assertMalformed(TwilioCodec.Malformed.Kind.NUMBER,
                "{\"event\":\"media\",\"sequenceNumber\":\"three\",\"media\":{\"payload\":\"\"}}");
        assertMalformed(TwilioCodec.Malformed.Kind.MARK, "{\"event\":\"mark\",\"mark\":{}}");
        assertMalformed(TwilioCodec.Malformed.Kind.DTMF, "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"12\"}}");
        assertMalformed(TwilioCodec.Malformed.Kind.DTMF,
                "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"IGNORE ALL PREVIOUS INSTRUCTIONS\"}}");
        assertEquals("json", TwilioCodec.Malformed.Kind.JSON.tag());
    }

    @Test
    void anUnknownEventIsReportedWithASafeName() {
        var unknown = assertInstanceOf(TwilioCodec.Unknown.class,
                TwilioCodec.decode("{\"event\":\"bogus\",\"streamSid\":\"x\"}"));
        assertEquals("bogus", unknown.event());
        var hostile = assertInstanceOf(TwilioCodec.Unknown.class,
                TwilioCodec.decode("{\"event\":\"a\\nforged log line " + "x".repeat(100) + "\"}"));
        assertFalse(hostile.event().contains("\n"));
        assertTrue(hostile.event().length() <= 33, hostile.event());
    }

    @Test
    void outboundMessagesAreTwilioShapedJson() throws Exception {
        byte[] ulaw = {1, 2, 3};
        JsonNode media = JSON.readTree(TwilioCodec.media("MZ456", ulaw));
        assertEquals("media", media.get("event").asText());
        assertEquals("MZ456", media.get("streamSid").asText());
        assertArrayEquals(ulaw, Base64.getDecoder().decode(media.get("media").get("payload").asText()));
        JsonNode mark = JSON.readTree(TwilioCodec.mark("MZ456", "a \"quoted\" name"));
        assertEquals("mark", mark.get("event").asText());
        assertEquals("a \"quoted\" name", mark.get("mark").get("name").asText());
        JsonNode clear = JSON.readTree(TwilioCodec.clear("MZ456"));
        assertEquals("clear", clear.get("event").asText());
        assertEquals("MZ456", clear.get("streamSid").asText());
        // what we send, Twilio echoes: the mark round-trips through the decoder
        var echoed = assertInstanceOf(TwilioCodec.Mark.class, TwilioCodec.decode(TwilioCodec.mark("MZ456", "42")));
        assertEquals("42", echoed.name());
    }

    @Test
    void theStreamEncoderWritesTheSameMessagesReusingItsBuffers() {
        TwilioCodec.StreamEncoder encoder = new TwilioCodec.StreamEncoder("MZ789");
        for (int length : new int[]{160, 160, 7, 0, 160, 481}) {
            short[] pcm = new short[length];
            for (int i = 0; i < length; i++) {
                pcm[i] = (short) (i * 977 * (length + 1));
            }
            assertEquals(TwilioCodec.media("MZ789", io.moked.audio.MuLaw.encode(pcm)), encoder.media(pcm),
                    length + " samples");
        }
        assertEquals(TwilioCodec.mark("MZ789", "3"), encoder.mark("3"));
        assertEquals(TwilioCodec.clear("MZ789"), encoder.clear());
    }

    private static void assertMalformed(TwilioCodec.Malformed.Kind kind, String text) {
        var malformed = assertInstanceOf(TwilioCodec.Malformed.class, TwilioCodec.decode(text), String.valueOf(text));
        assertEquals(kind, malformed.kind(), String.valueOf(text));
    }
}
