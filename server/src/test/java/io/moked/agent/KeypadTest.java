package io.moked.agent;

import io.moked.pipeline.CallEnd;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeypadTest {
    private static Map<String, String> keys(String... digitAction) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < digitAction.length; i += 2) {
            map.put(digitAction[i], digitAction[i + 1]);
        }
        return map;
    }

    @Test
    void theTenantsKeyActionsMapToHowTheCallEnds() {
        Keypad keypad = Keypad.of(keys("0", "transfer", "9", "voicemail", "8", "hangup", "5", "repeat"), true);
        assertEquals(CallEnd.TRANSFERRED, keypad.ending("0"));
        assertEquals(CallEnd.VOICEMAIL, keypad.ending("9"));
        assertEquals(CallEnd.AGENT_HANGUP, keypad.ending("8"));
        assertNull(keypad.ending("5"));
        assertTrue(keypad.isRepeat("5"));
        assertNull(keypad.ending("3"));
        assertFalse(keypad.isRepeat("3"));
    }

    @Test
    void theFirstKeyOfAnActionCountsAndTransferNeedsANumber() {
        Keypad keypad = Keypad.of(keys("1", "Transfer", "2", "transfer", "3", "nonsense"), true);
        assertEquals(CallEnd.TRANSFERRED, keypad.ending("1"));
        assertNull(keypad.ending("2"));
        assertNull(keypad.ending("3"), "an action this version does not know does nothing");
        assertNull(Keypad.of(keys("0", "transfer"), false).ending("0"), "no transfer number: no transfer key");
    }
}
