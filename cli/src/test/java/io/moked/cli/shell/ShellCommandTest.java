package io.moked.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandTest {
    @TempDir
    Path dataDir;

    private CliRun shellWithInput(String input) {
        return new CliRun(CliRuntime.builder()
                .property(CliRuntime.DATA_DIR_PROPERTY, dataDir.toString())
                .stdin(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .build());
    }

    @Test
    void runsCommandsReportsErrorsAndKeepsHistoryInTheDataDir() throws Exception {
        try (CliRun cli = shellWithInput("serve --help\nagentctl doctor --help\nfrobnicate\nexit\nserve --help\n")) {
            CliRun.Result result = cli.run("shell");
            assertEquals(ExitCode.OK, result.exitCode(), result.err());
            assertTrue(result.out().contains("Usage: agentctl serve"), result.out());
            // a pasted "agentctl" prefix is accepted
            assertTrue(result.out().contains("Usage: agentctl doctor"), result.out());
            // an error does not end the session
            assertTrue(result.out().contains("error: Unmatched argument at index 0: 'frobnicate'"), result.out());
            // nothing after "exit" runs
            assertEquals(1, result.out().split("Usage: agentctl serve", -1).length - 1, result.out());
            assertFalse(cli.runtime().contextStarted(), "help inside the shell needs no services");
        }
        List<String> history = Files.readAllLines(dataDir.resolve(ShellCommand.HISTORY_FILE));
        assertTrue(history.stream().anyMatch(line -> line.endsWith("serve --help")), history.toString());
        assertTrue(history.stream().anyMatch(line -> line.endsWith("frobnicate")), history.toString());
        // what an admin typed is private whatever the umask (issue 11 item 9; FileModesTest covers the appliance)
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(ShellCommand.HISTORY_FILE))));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir)));
    }

    @Test
    void endOfInputEndsTheSession() {
        try (CliRun cli = shellWithInput("serve --help\n")) {
            CliRun.Result result = cli.run("shell");
            assertEquals(ExitCode.OK, result.exitCode(), result.err());
            assertTrue(result.out().contains("Usage: agentctl serve"), result.out());
        }
    }

    @Test
    void theShellCannotBeNested() {
        try (CliRun cli = shellWithInput("shell\nexit\n")) {
            CliRun.Result result = cli.run("shell");
            assertTrue(result.out().contains("error: Unmatched argument at index 0: 'shell'"), result.out());
        }
    }
}
