package io.moked.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TerminalWidthTest {
    @Test
    void anExportedColumnsWins() {
        assertEquals(93, new TerminalWidth(Map.of("COLUMNS", "93")).getAsInt());
        assertEquals(120, new TerminalWidth(Map.of("COLUMNS", " 120 ")).getAsInt());
    }

    @Test
    void onlyPositiveNumbersAreWidths() {
        assertEquals(80, TerminalWidth.parse("80"));
        assertNull(TerminalWidth.parse("0"));
        assertNull(TerminalWidth.parse("-3"));
        assertNull(TerminalWidth.parse("wide"));
        assertNull(TerminalWidth.parse(null));
    }

    @Test
    void theRuntimeAsksItsSourceAndTheShellCanReplaceIt() {
        CliRuntime runtime = CliRuntime.builder().terminalWidth(() -> 72).build();
        assertEquals(72, runtime.terminalWidth());
        var previous = runtime.useTerminalWidth(() -> 100);
        assertEquals(100, runtime.terminalWidth());
        runtime.useTerminalWidth(previous);
        assertEquals(72, runtime.terminalWidth());
        assertEquals(0, CliRuntime.builder().build().terminalWidth(), "unknown unless given");
    }
}
