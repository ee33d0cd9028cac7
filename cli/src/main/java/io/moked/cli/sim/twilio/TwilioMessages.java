package io.moked.cli.sim.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The Media Streams messages Twilio sends to the appliance's WebSocket ({@code connected}, {@code start},
 * {@code media}, {@code mark}, {@code dtmf}, {@code stop}), shaped as in Twilio's "WebSocket messages" reference.
 * Sequence numbers and chunk numbers are strings there, and so they are here.
 */
public final class TwilioMessages {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String ENCODING = "audio/x-mulaw";
    public static final int SAMPLE_RATE_HZ = 8000;
    public static final int CHANNELS = 1;

    private TwilioMessages() {
    }

    public static String connected() {
        return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    }

    public static String start(long sequence, CallIdentity call, Map<String, String> customParameters) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", "start").put("sequenceNumber", Long.toString(sequence));
        ObjectNode start = root.putObject("start");
        start.put("accountSid", call.accountSid()).put("streamSid", call.streamSid()).put("callSid", call.callSid());
        List.of("inbound").forEach(start.putArray("tracks")::add);
        ObjectNode params = start.putObject("customParameters");
        customParameters.forEach(params::put);
        start.putObject("mediaFormat").put("encoding", ENCODING).put("sampleRate", SAMPLE_RATE_HZ)
                .put("channels", CHANNELS);
        root.put("streamSid", call.streamSid());
        return write(root);
    }

    /**
     * A caller audio frame. Built by hand: it is the hot path (50 per second per call) and every value is either a
     * number, a SID or Base64, none of which needs JSON escaping.
     */
    public static String media(long sequence, String streamSid, long chunk, long timestampMs, String payloadBase64) {
        return new StringBuilder(96 + payloadBase64.length())
                .append("{\"event\":\"media\",\"sequenceNumber\":\"").append(sequence)
                .append("\",\"media\":{\"track\":\"inbound\",\"chunk\":\"").append(chunk)
                .append("\",\"timestamp\":\"").append(timestampMs)
                .append("\",\"payload\":\"").append(payloadBase64)
                .append("\"},\"streamSid\":\"").append(streamSid).append("\"}").toString();
    }

    /** Twilio's echo of a mark the appliance sent, once the audio before it has played (or was cleared). */
    public static String mark(long sequence, String streamSid, String name) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", "mark").put("sequenceNumber", Long.toString(sequence)).put("streamSid", streamSid);
        root.putObject("mark").put("name", name);
        return write(root);
    }

    public static String dtmf(long sequence, String streamSid, char digit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", "dtmf").put("streamSid", streamSid).put("sequenceNumber", Long.toString(sequence));
        root.putObject("dtmf").put("track", "inbound_track").put("digit", String.valueOf(digit));
        return write(root);
    }

    public static String stop(long sequence, CallIdentity call) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", "stop").put("sequenceNumber", Long.toString(sequence));
        root.putObject("stop").put("accountSid", call.accountSid()).put("callSid", call.callSid());
        root.put("streamSid", call.streamSid());
        return write(root);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a Twilio message", e);
        }
    }
}
