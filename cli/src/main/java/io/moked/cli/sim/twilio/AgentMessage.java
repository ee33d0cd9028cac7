package io.moked.cli.sim.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Base64;

/** A message the appliance sent to "Twilio" on the media WebSocket: {@code media}, {@code mark} or {@code clear}. */
public record AgentMessage(Kind kind, byte[] audio, String markName, String streamSid) {
    public enum Kind { MEDIA, MARK, CLEAR }

    /**
     * @throws IllegalArgumentException for anything Twilio would reject: bad JSON, unknown event, bad Base64
     */
    public static AgentMessage parse(String text) {
        AgentMessage media = fastMedia(text);
        if (media != null) {
            return media;
        }
        JsonNode node;
        try {
            node = TwilioMessages.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        String event = node.path("event").asText("");
        String streamSid = node.path("streamSid").asText(null);
        switch (event) {
            case "media":
                String payload = node.path("media").path("payload").asText(null);
                if (payload == null) {
                    throw new IllegalArgumentException("media message without media.payload");
                }
                return new AgentMessage(Kind.MEDIA, Base64.getDecoder().decode(payload), null, streamSid);
            case "mark":
                String name = node.path("mark").path("name").asText(null);
                if (name == null) {
                    throw new IllegalArgumentException("mark message without mark.name");
                }
                return new AgentMessage(Kind.MARK, null, name, streamSid);
            case "clear":
                return new AgentMessage(Kind.CLEAR, null, null, streamSid);
            default:
                throw new IllegalArgumentException("unknown event '" + event + "'");
        }
    }

    private static final String MEDIA_EVENT = "\"event\":\"media\"";
    private static final String PAYLOAD_KEY = "\"payload\":\"";
    private static final String STREAM_SID_KEY = "\"streamSid\":\"";

    /**
     * Agent audio is most of what arrives (50 messages a second per call), so the usual compact shape
     * {@code {"event":"media","streamSid":"MZ..","media":{"payload":"<base64>"}}} is read without building a JSON
     * tree. Anything else (escapes, other spacing, other events) returns null and takes the full JSON path.
     */
    private static AgentMessage fastMedia(String text) {
        if (!text.contains(MEDIA_EVENT) || text.indexOf('\\') >= 0) {
            return null;
        }
        int p = text.indexOf(PAYLOAD_KEY);
        if (p < 0 || text.indexOf(PAYLOAD_KEY, p + 1) >= 0) {
            return null;
        }
        int start = p + PAYLOAD_KEY.length();
        int end = text.indexOf('"', start);
        if (end < 0) {
            return null;
        }
        String streamSid = null;
        int s = text.indexOf(STREAM_SID_KEY);
        if (s >= 0) {
            int sidEnd = text.indexOf('"', s + STREAM_SID_KEY.length());
            streamSid = sidEnd < 0 ? null : text.substring(s + STREAM_SID_KEY.length(), sidEnd);
        }
        return new AgentMessage(Kind.MEDIA, Base64.getDecoder().decode(text.substring(start, end)), null, streamSid);
    }
}
