package io.moked.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command and group answers --help with exit 0 and never starts the application context. */
class HelpEverywhereTest {
    @TempDir
    Path dataDir;

    @Test
    void everyCommandHasHelpWithoutBootingServices() {
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            List<List<String>> paths = new ArrayList<>();
            collect(Agentctl.commandLine(cli.runtime()), new ArrayList<>(), paths);
            assertTrue(paths.size() > 20, "commands found: " + paths);
            for (List<String> path : paths) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                CliRun.Result result = cli.run(args.toArray(String[]::new));
                assertEquals(ExitCode.OK, result.exitCode(), "agentctl " + String.join(" ", args) + ": " + result.err());
                assertTrue(result.out().startsWith("Usage: agentctl"), result.out());
            }
            assertFalse(cli.runtime().contextStarted(), "--help must not boot Micronaut");
        }
    }

    @Test
    void aGroupWithoutVerbIsAUsageErrorListingItsVerbs() {
        try (CliRun cli = CliRun.sqlite(dataDir)) {
            CliRun.Result result = cli.run("tenant");
            assertEquals(ExitCode.USAGE, result.exitCode());
            assertTrue(result.errLine().contains("create"), result.err());
            assertTrue(result.errLine().contains("set-twilio"), result.err());
        }
    }

    private static void collect(CommandLine commandLine, List<String> path, List<List<String>> out) {
        out.add(path);
        commandLine.getSubcommands().forEach((name, sub) -> {
            if (!"help".equals(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, out);
            }
        });
    }
}
