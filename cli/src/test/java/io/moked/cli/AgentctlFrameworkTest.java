package io.moked.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Help, usage errors, exit-code mapping and error printing, without any service. */
class AgentctlFrameworkTest {
    @TempDir
    Path dataDir;
    private CliRun cli;

    @BeforeEach
    void setUp() {
        cli = CliRun.sqlite(dataDir);
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    @Test
    void helpListsCommandsWithoutStartingTheApplicationContext() {
        CliRun.Result result = cli.ok("--help");
        assertTrue(result.out().startsWith("Usage: agentctl"), result.out());
        assertTrue(result.out().contains("doctor"), result.out());
        assertTrue(result.out().contains("serve"), result.out());
        assertFalse(cli.runtime().contextStarted(), "--help must not boot Micronaut");
    }

    @Test
    void subcommandHelpAndVersionDoNotStartTheApplicationContext() {
        assertTrue(cli.ok("doctor", "--help").out().contains("Usage: agentctl doctor"));
        assertTrue(cli.ok("serve", "--help").out().contains("--port"));
        assertTrue(cli.ok("help", "shell").out().contains("Usage: agentctl shell"));
        assertTrue(cli.ok("--version").out().startsWith("agentctl "));
        assertFalse(cli.runtime().contextStarted());
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLine() {
        CliRun.Result result = cli.run("frobnicate");
        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.errLine().startsWith("error: Unmatched argument"), result.err());
        assertTrue(result.errLine().contains("agentctl --help"), result.err());
    }

    @Test
    void unknownOptionSuggestsTheCloseOne() {
        CliRun.Result result = cli.run("serve", "--prot", "8080");
        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.errLine().contains("did you mean '--port'?"), result.err());
        assertTrue(cli.run("docter").errLine().contains("did you mean 'doctor'?"));
    }

    @Test
    void invalidOptionValueIsAUsageError() {
        CliRun.Result result = cli.run("doctor", "--output", "xml");
        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.errLine().contains("--output"), result.err());
    }

    @Test
    void rootWithoutCommandIsAUsageError() {
        CliRun.Result result = cli.run();
        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.errLine().contains("serve"), result.err());
    }

    @Test
    void exceptionsMapToExitCodesAndOneLine() {
        assertFailure(new CliException(ExitCode.NOT_FOUND_OR_CONFLICT, "no tenant 'x'"), 3, "error: no tenant 'x'");
        assertFailure(CliException.usage("bad phone"), 2, "error: bad phone");
        assertFailure(new ConstraintViolationException("slug: must not be blank", Set.of()), 2,
                "error: slug: must not be blank");
        // unknown exceptions: exit 1, and the root cause says what really happened
        assertFailure(new IllegalStateException("pool failed", new java.net.ConnectException("Connection refused")),
                1, "error: Connection refused");
        // a CliException with a cause keeps its context and adds the root cause
        assertFailure(CliException.failure("cannot open the database", new java.sql.SQLException("locked\nmore")),
                1, "error: cannot open the database: locked");
        // wrapped service exceptions are found along the cause chain
        assertFailure(new RuntimeException("proxy", CliException.conflict("number taken")), 3, "error: number taken");
    }

    @Test
    void aHebrewQuoteInAnErrorIsReorderedOnlyWhenAskedFor() {
        String message = "message 'busy' is invalid: 'אפשר לחזור על זה?'";
        assertFailure(CliException.usage(message), 2, "error: " + message);
        // the line is an English paragraph: the Hebrew run is reversed in place and the "?" between it and the
        // closing quote belongs to the English sentence, as a bidi-capable terminal would show it too
        assertFailure(CliException.usage(message), 2, "error: message 'busy' is invalid: 'הז לע רוזחל רשפא?'",
                "--bidi", "reorder");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CommandLine commandLine = Agentctl.commandLine(cli.runtime());
        Failing failing = new Failing(new IllegalStateException("boom"));
        commandLine.addSubcommand("fail", failing).setCaseInsensitiveEnumValuesAllowed(true);
        java.io.StringWriter err = new java.io.StringWriter();
        commandLine.setErr(new java.io.PrintWriter(err, true));
        assertEquals(ExitCode.FAILURE, commandLine.execute("fail", "-v"));
        assertTrue(err.toString().startsWith("error: boom"), err.toString());
        assertTrue(err.toString().contains("java.lang.IllegalStateException: boom\n\tat "), err.toString());
    }

    private void assertFailure(Exception thrown, int exitCode, String line, String... options) {
        CommandLine commandLine = Agentctl.commandLine(cli.runtime());
        commandLine.addSubcommand("fail", new Failing(thrown)).setCaseInsensitiveEnumValuesAllowed(true);
        java.io.StringWriter err = new java.io.StringWriter();
        commandLine.setErr(new java.io.PrintWriter(err, true));
        String[] args = new String[options.length + 1];
        args[0] = "fail";
        System.arraycopy(options, 0, args, 1, options.length);
        assertEquals(exitCode, commandLine.execute(args), err.toString());
        assertEquals(line, err.toString().strip());
    }

    /** A command that throws what the test gives it. */
    @Command(name = "fail")
    static final class Failing extends AgentctlCommand {
        private final Exception toThrow;

        @Option(names = "--unused")
        boolean unused;

        Failing(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        protected int execute() throws Exception {
            throw toThrow;
        }
    }
}
