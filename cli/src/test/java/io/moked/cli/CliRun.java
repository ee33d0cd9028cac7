package io.moked.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.output.Json;
import picocli.CommandLine;

/**
 * Runs agentctl in-process, as the real main does but with captured stdout/stderr. All runs of one instance share
 * one {@link CliRuntime} (like the shell), so the services start once per test class.
 */
public final class CliRun implements AutoCloseable {
    private final CliRuntime runtime;

    public CliRun(CliRuntime runtime) {
        this.runtime = runtime;
    }

    /** A runtime on the given test database, run by OS user "test-admin". */
    public static CliRun on(io.moked.cli.testsupport.TestDatabase database) {
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin");
        database.properties().forEach(builder::property);
        return new CliRun(builder.build());
    }

    /** A runtime on SQLite in the given data directory. */
    public static CliRun sqlite(Path dataDir) {
        return new CliRun(CliRuntime.builder()
                .property(CliRuntime.DATA_DIR_PROPERTY, dataDir.toString())
                .env("USER", "test-admin")
                .build());
    }

    public CliRuntime runtime() {
        return runtime;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Agentctl.commandLine(runtime)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(String.join(" ", args), exitCode, out.toString(), err.toString());
    }

    /** Runs and asserts exit code 0, showing stderr when it is not. */
    public Result ok(String... args) {
        Result result = run(args);
        assertEquals(ExitCode.OK, result.exitCode(), () -> "agentctl " + result.command() + " failed:\n" + result.err()
                + "\nstdout:\n" + result.out());
        return result;
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** What one agentctl run printed and returned. */
    public record Result(String command, int exitCode, String out, String err) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (JsonProcessingException e) {
                throw new AssertionError("agentctl " + command + " did not print JSON: " + out, e);
            }
        }

        /** stderr must be exactly one line (the error rule: one clear line without -v). */
        public String errLine() {
            String trimmed = err.strip();
            assertEquals(1, trimmed.lines().count(), () -> "expected one error line, got:\n" + err);
            return trimmed;
        }
    }
}
