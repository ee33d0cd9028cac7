package io.moked.call;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimulationPromptTest {
    private static final String TOKEN = "tenant-auth-token";
    private static final String SID = "CA0123456789abcdef0123456789abcdef";
    private final SimulationPrompt prompt = new SimulationPrompt(true);

    private static Map<String, String> params(String version, String signature) {
        return Map.of(SimulationPrompt.VERSION_PARAM, version, SimulationPrompt.SIGNATURE_PARAM, signature);
    }

    @Test
    void aChoiceSignedForThisCallAndVersionIsHonoured() {
        assertEquals(Optional.of(2), prompt.requested(params("2", SimulationPrompt.sign(TOKEN, SID, 2)), SID, TOKEN));
    }

    @Test
    void aRealCallWithoutTheParametersUsesTheActivePrompt() {
        assertEquals(Optional.empty(), prompt.requested(Map.of("CallSid", SID, "From", "+972525551234"), SID, TOKEN));
    }

    @Test
    void forgedReplayedOrAlteredChoicesAreIgnored() {
        String forV2 = SimulationPrompt.sign(TOKEN, SID, 2);
        assertEquals(Optional.empty(), prompt.requested(params("3", forV2), SID, TOKEN), "another version");
        assertEquals(Optional.empty(), prompt.requested(params("2", forV2), "CAffff", TOKEN), "another call");
        assertEquals(Optional.empty(), prompt.requested(params("2", SimulationPrompt.sign("guess", SID, 2)), SID,
                TOKEN), "another key");
        assertEquals(Optional.empty(), prompt.requested(Map.of(SimulationPrompt.VERSION_PARAM, "2"), SID, TOKEN),
                "unsigned");
        assertEquals(Optional.empty(), prompt.requested(params("02", forV2), SID, TOKEN), "malformed");
    }

    @Test
    void turnedOffItHonoursNothing() {
        assertEquals(Optional.empty(), new SimulationPrompt(false).requested(params("2",
                SimulationPrompt.sign(TOKEN, SID, 2)), SID, TOKEN));
    }
}
