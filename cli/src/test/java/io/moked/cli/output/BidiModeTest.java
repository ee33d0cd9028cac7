package io.moked.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import org.junit.jupiter.api.Test;

class BidiModeTest {
    @Test
    void plainTerminalGetsReorderedText() {
        assertTrue(BidiMode.shouldReorder(null, Map.of("TERM", "xterm-256color"), true));
    }

    @Test
    void pipesAndFilesKeepLogicalOrder() {
        assertFalse(BidiMode.shouldReorder(null, Map.of("TERM", "xterm"), false));
        assertFalse(BidiMode.shouldReorder(BidiMode.AUTO, Map.of(), false));
    }

    @Test
    void bidiCapableTerminalsAreLeftAlone() {
        assertFalse(BidiMode.shouldReorder(null, Map.of("VTE_VERSION", "7600"), true));
        assertFalse(BidiMode.shouldReorder(null, Map.of("KONSOLE_VERSION", "230804"), true));
        assertFalse(BidiMode.shouldReorder(null, Map.of("TERM", "mlterm"), true));
        assertFalse(BidiMode.shouldReorder(null, Map.of("TERM_PROGRAM", "Apple_Terminal"), true));
        // VTE before 0.58 had no bidi
        assertTrue(BidiMode.shouldReorder(null, Map.of("VTE_VERSION", "5202"), true));
    }

    @Test
    void optionBeatsEnvironmentBeatsDetection() {
        assertTrue(BidiMode.shouldReorder(null, Map.of(BidiMode.ENV, "reorder"), false));
        assertFalse(BidiMode.shouldReorder(null, Map.of(BidiMode.ENV, "none"), true));
        assertTrue(BidiMode.shouldReorder(BidiMode.REORDER, Map.of(BidiMode.ENV, "none"), false));
        assertFalse(BidiMode.shouldReorder(BidiMode.NONE, Map.of(), true));
    }

    @Test
    void invalidEnvironmentValueIsAUsageError() {
        CliException e = assertThrows(CliException.class,
                () -> BidiMode.shouldReorder(null, Map.of(BidiMode.ENV, "sideways"), true));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("auto, reorder, none"));
    }
}
