package io.moked.cli.sim.twilio;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentMessageTest {
    private static final byte[] AUDIO = {1, 2, 3, (byte) 0xFF, 0x7F};
    private static final String B64 = Base64.getEncoder().encodeToString(AUDIO);

    @Test
    void mediaInTheUsualAndInOtherShapesDecodesTheSame() {
        for (String json : new String[]{
            "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"" + B64 + "\"}}",
            "{ \"media\": { \"payload\": \"" + B64 + "\" }, \"event\": \"media\", \"streamSid\": \"MZ1\" }",
            "{\"streamSid\":\"MZ1\",\"event\":\"media\",\"media\":{\"track\":\"outbound\",\"payload\":\"" + B64
                    + "\"}}"}) {
            AgentMessage m = AgentMessage.parse(json);
            assertEquals(AgentMessage.Kind.MEDIA, m.kind(), json);
            assertArrayEquals(AUDIO, m.audio(), json);
            assertEquals("MZ1", m.streamSid(), json);
        }
    }

    @Test
    void marksAndClearAreRecognised() {
        AgentMessage mark = AgentMessage.parse("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"r1\"}}");
        assertEquals(AgentMessage.Kind.MARK, mark.kind());
        assertEquals("r1", mark.markName());
        assertEquals(AgentMessage.Kind.CLEAR, AgentMessage.parse("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}").kind());
        assertNull(AgentMessage.parse("{\"event\":\"clear\"}").streamSid());
    }

    @Test
    void whatTwilioWouldRejectIsAnError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentMessage.parse("{\"event\":\"dance\"}"))
                .getMessage().contains("unknown event"));
        assertThrows(IllegalArgumentException.class, () -> AgentMessage.parse("not json"));
        assertThrows(IllegalArgumentException.class,
                () -> AgentMessage.parse("{\"event\":\"media\",\"media\":{\"payload\":\"***\"}}"));
        assertThrows(IllegalArgumentException.class, () -> AgentMessage.parse("{\"event\":\"media\",\"media\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> AgentMessage.parse("{\"event\":\"mark\"}"));
    }
}
