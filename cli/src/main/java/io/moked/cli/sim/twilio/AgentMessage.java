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
}
